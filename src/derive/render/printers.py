"""Expression printers in the sources' notation: LaTeX, and one-line Unicode for terminals.

Both subclass SymPy's printers and add a ``_print_<Class>`` for each probability object
(``\\mathcal{N}``, ``D_{KL}(P \\| Q)``, ``\\mathbb{E}_P[...]``, ``p(x)``). Sums are printed with a
positive term first when there is one (``x - \\mu`` rather than ``-\\mu + x``), as people write.

Example:
    >>> from sympy import symbols
    >>> mu = symbols("mu_1", real=True)
    >>> s = symbols("sigma_1", positive=True)
    >>> x = symbols("x", real=True)
    >>> latex((x - mu)**2 / (2 * s**2))
    '\\\\frac{\\\\left(x - \\\\mu_{1}\\\\right)^{2}}{2 \\\\sigma_{1}^{2}}'
    >>> text((x - mu)**2 / (2 * s**2))
    '(x - μ₁)²/(2·σ₁²)'
"""

from __future__ import annotations

import re

from sympy import Add, Basic, Derivative, Mul, S, Symbol, Tuple
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

# The longest exponent (in LaTeX characters, without a fraction) set as a superscript.
SHORT_EXPONENT = 24
# Relations in LaTeX.
SYMBOLS = {"∝": r"\propto", "⇒": r"\Rightarrow", "~": r"\sim", "≤": r"\le"}


def _positive_first(terms: list) -> list:
    """Stable reordering: terms without a leading minus first, as people write sums."""
    negative = [term for term in terms if term.could_extract_minus_sign()]
    return [term for term in terms if term not in negative] + negative


_SUBSCRIPTED = re.compile(r"^(.+?)_\{?([A-Za-z0-9]+)\}?$")


def _subscript_key(subscript: str) -> tuple:
    """``"10"`` after ``"2"``: digits compare as numbers, letters as text."""
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", subscript)
    )


def _shape(term) -> tuple:
    """``term`` with its subscripted symbols' subscripts blanked (σ₁/σ₂ → σ_?), and those
    subscripts' keys, the symbols taken by base name."""
    found = []
    for symbol in term.free_symbols:
        match = type(symbol) is Symbol and _SUBSCRIPTED.match(symbol.name)
        if match:
            found.append((match.group(1), _subscript_key(match.group(2)), symbol))
    found.sort(key=lambda f: (f[0], f[1]))
    blank = {s: Symbol(f"{base}_?", **s.assumptions0) for base, _, s in found}
    return term.xreplace(blank), tuple(key for _, key, _ in found)


def _natural(terms: list) -> list:
    """Terms alike but for their symbols' subscripts (1/σ₂² and 1/σ₁², a₁₀ and a₂) in the
    natural order of the subscripts, each group in the places its terms held; others kept.

    Example:
        >>> from sympy import symbols
        >>> s1, s2 = symbols("sigma_1 sigma_2", positive=True)
        >>> _natural([1 / s2**2, 1 / s1**2])
        [sigma_1**(-2), sigma_2**(-2)]
    """
    if len(terms) < 2 or not all(isinstance(t, Basic) for t in terms):
        return terms
    shapes = [_shape(t) for t in terms]
    out = list(terms)
    for shape in {s for s, _ in shapes}:
        places = [i for i, (s, _) in enumerate(shapes) if s == shape]
        ordered = sorted(places, key=lambda i: shapes[i][1])
        for place, i in zip(places, ordered, strict=True):
            out[place] = terms[i]
    return out


def _prime(expr):
    """``f'(a)`` for ``Subs(Derivative(f(u), u), u, a)``: (name, order, a), else None."""
    derivative, (variable,), (point,) = expr.args[0], expr.variables, expr.point
    if not isinstance(derivative, Derivative) or not isinstance(derivative.expr, AppliedUndef):
        return None
    if derivative.expr.args != (variable,) or set(derivative.variables) != {variable}:
        return None
    return derivative.expr.func.__name__, len(derivative.variables), point


def _is_held_sum(expr) -> bool:
    """A sum built unevaluated (``plus(x - a, a - b)``), to be printed in the order written."""
    if not isinstance(expr, Add):
        return False
    return any(isinstance(arg, Add) for arg in expr.args) or Add(*expr.args) != expr


def _is_coefficient_first(expr) -> bool:
    """A product held as written with a fraction before what it multiplies (``times(over(a,
    b), x)``), as the sources write a coefficient: printed in that order, not SymPy's."""
    if not isinstance(expr, Mul) or len(expr.args) < 2:
        return False
    first, rest = expr.args[0], expr.args[1:]
    fraction = isinstance(first, Mul) and any(a.is_Pow and a.exp.is_negative for a in first.args)
    plain = all(not a.is_Number and not (a.is_Pow and a.exp.is_negative) for a in rest)
    return fraction and plain and Mul(*expr.args).args != expr.args


def _held_sum(printer, expr, bracket: str) -> str:
    """Print a held sum in the order written, each inner sum in ``bracket`` (``"(%s)"``)."""
    out = ""
    for i, term in enumerate(expr.args):
        if isinstance(term, Add):
            sign, piece = " + ", bracket % printer._print(term)
        elif term.could_extract_minus_sign():
            sign, piece = " - ", printer.parenthesize(-term, PRECEDENCE["Add"])
        else:
            sign, piece = " + ", printer.parenthesize(term, PRECEDENCE["Add"])
        out += (sign.strip() if sign == " - " else "") + piece if i == 0 else sign + piece
    return out


class _Shared:
    """What both printers do alike: sums positive term first, and objects printed as others."""

    def _as_ordered_terms(self, expr, order=None):
        return _positive_first(_natural(list(super()._as_ordered_terms(expr, order=order))))

    def _print_Mul(self, expr):
        # A product held as written may carry a factor 1 (1·x, or 1/√a from 1·a^(-1/2)):
        # print it without, as nobody writes it.
        kept = [a for a in expr.args if a != S.One]
        if len(kept) < len(expr.args):
            if not kept:
                return self._print(S.One)
            if len(kept) == 1:
                return self._print(kept[0])
            expr = Mul(*kept, evaluate=False)
        if _is_coefficient_first(expr):
            factors = [self.parenthesize(a, PRECEDENCE["Mul"], strict=True) for a in expr.args]
            return self._times.join(factors)
        return super()._print_Mul(expr)

    def _print_ForEvery(self, every):
        return f"{self._print(every.statement)}{self._for_every} {self._print(every.index)}"

    def _print_Scalar(self, scalar):
        return self._print(scalar.matrix)

    def _print_MatrixExpectation(self, expectation):
        return self._print_Expectation(expectation)

    def _print_Identity(self, identity):
        return "I"

    def _given(self, condition):
        parts = condition if isinstance(condition, Tuple) else (condition,)
        return ", ".join(self._print(p) for p in parts)

    def _print_MatrixSlice(self, block):
        """A block of rows (and columns) as 1-based inclusive ranges: x[:a, :] is x_{1:a}."""
        parts = [(block.rowslice, block.parent.shape[0]), (block.colslice, block.parent.shape[1])]
        ranges = [
            f"{self._print(start + 1)}:{self._print(stop)}"
            for (start, stop, _), full in parts
            if (start, stop) != (0, full)
        ]
        return self._block(self._print(block.parent), ranges)


class ProofLatexPrinter(_Shared, LatexPrinter):
    """SymPy's LaTeX printer with the notation of the source documents."""

    _for_every = r" \quad\text{for every}\ "
    _times = " "

    def _block(self, parent, ranges):
        joined = r",\,".join(ranges)
        return rf"{parent}_{{{joined}}}"

    def _print_Add(self, expr, order=None):
        if _is_held_sum(expr):
            return _held_sum(self, expr, r"\left(%s\right)")
        return super()._print_Add(expr, order)

    def _print_Normal(self, law):
        if law.label:
            return law.label
        return rf"\mathcal{{N}}\left({self._print(law.mean)}, {self._print(law.variance)}\right)"

    def _print_Density(self, density):
        law, point = density.dist, self._print(density.point)
        if law.label:
            return rf"{law.label.lower()}\left({point}\right)"
        mean, variance = self._print(law.mean), self._print(law.variance)
        return rf"\mathcal{{N}}\left({point}; {mean}, {variance}\right)"

    def _print_Law(self, law):
        if law.label:
            return law.label
        mean, variance = self._print(law.mean), self._print(law.variance)
        return rf"\text{{a law with mean }} {mean} \text{{ and variance }} {variance}"

    _print_MvNormal = _print_Normal

    def _print_ExpBase(self, expr, exp=None):
        """``e^{x}`` for a short exponent; otherwise ``\\exp\\left(…\\right)`` on the line,
        with a factor ½ pulled out in front of the quadratic form, as the sources write it."""
        argument = expr.args[0]
        printed = self._print(argument)
        if len(printed) <= SHORT_EXPONENT and r"\frac" not in printed:
            return super()._print_ExpBase(expr, exp)
        coefficient, rest = argument.as_coeff_Mul()
        if coefficient in (S.Half, -S.Half) and (
            rest.is_Add
            or not rest.is_Mul
            or all(not (f.is_Pow and f.exp.is_negative) for f in rest.args)
        ):
            sign = "-" if coefficient < 0 else ""
            body = self._print(rest)
            if rest.is_Add:
                body = rf"\left[{body}\right]"
            printed = rf"{sign}\frac{{1}}{{2}} {body}"
        return self._do_exponent(rf"\exp\left({printed}\right)", exp)

    def _print_MatrixSymbol(self, matrix):
        name = super()._print_MatrixSymbol(matrix)
        if matrix.shape[1] != 1:
            return name
        base, sub, rest = name.partition("_{")  # a vector: bold, as the sources write it
        return rf"\boldsymbol{{{base}}}" + (sub + rest if sub else "")

    def _print_Transpose(self, expr):
        return rf"{self.parenthesize(expr.arg, PRECEDENCE['Pow'])}^\top"

    def _print_PositiveDefinite(self, assumption):
        return rf"{self._print(assumption.matrix)} \succ 0"

    def _print_Expectation(self, expectation):
        body = self._print(expectation.body)
        if expectation.declared:
            return rf"\mathbb{{E}}\left[{body}\right]"
        law = expectation.dist
        if law.label:
            under = law.label
        else:
            under = rf"{self._print(expectation.var)} \sim {self._print(law)}"
        return rf"\mathbb{{E}}_{{{under}}}\left[{body}\right]"

    def _print_Subs(self, expr):
        prime = _prime(expr)
        if prime is None:
            return super()._print_Subs(expr)
        name, order, point = prime
        return rf"{name}{chr(39) * order}\left({self._print(point)}\right)"

    def _print_CharacteristicFunction(self, phi):
        return rf"\varphi_{{{self._print(phi.argument)}}}\left({self._print(phi.t)}\right)"

    def _print_Entropy(self, entropy):
        return rf"h\left({self._print(entropy.law)}\right)"

    def _print_Distributed(self, statement):
        return rf"{self._print(statement.expr)} \sim {self._print(statement.law)}"

    def _print_Given(self, given):
        return rf"{self._print(given.target)} \mid {self._given(given.condition)}"

    def _print_ConditionalDensity(self, q):
        targets, label = ", ".join(self._print(v) for v in q.targets), self._print(q.args[2])
        if not q.conditions:
            return rf"{label}\left({targets}\right)"
        conditions = ", ".join(self._print(v) for v in q.conditions)
        return rf"{label}\left({targets} \mid {conditions}\right)"

    def _print_ExpectationUnder(self, e):
        return rf"\mathbb{{E}}_{{{self._print(e.density)}}}\left[{self._print(e.body)}\right]"

    def _print_DivergenceKL(self, divergence):
        p, q = self._print(divergence.p), self._print(divergence.q)
        return rf"D_{{KL}}\left({p} \,\middle\|\, {q}\right)"

    def _print_Both(self, both):
        return r" \quad\text{and}\quad ".join(self._print(a) for a in both.args)

    def _print_Proportional(self, statement):
        lhs, rhs, var = (self._print(a) for a in statement.args)
        return rf"{lhs} \propto {rhs} \quad \text{{(in }} {var}\text{{)}}"

    def _print_KL(self, divergence):
        p, q = self._print(divergence.p), self._print(divergence.q)
        return rf"D_{{KL}}\left({p} \,\middle\|\, {q}\right)"


_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Sigma": "Σ", "Delta": "Δ", "Phi": "Φ", "Omega": "Ω",
}  # fmt: skip
_SUBSCRIPT = str.maketrans("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


_ACCENTS = {"bar": "\u0304", "hat": "\u0302", "tilde": "\u0303"}


def unicode_name(name: str) -> str:
    """``sigma_1`` -> ``σ₁``, ``ybar`` -> ``ȳ``; subscripts with no Unicode form keep an
    underscore. Accents are named as SymPy's LaTeX printer reads them (``alphabar``).

    Example:
        >>> unicode_name("mu_2"), unicode_name("x_t"), unicode_name("f_y")
        ('μ₂', 'xₜ', 'f_y')
        >>> unicode_name("ybar") == "y\u0304"  # y with a combining macron
        True
    """
    base, _, sub = name.partition("_")
    accent = next((a for a in _ACCENTS if base.endswith(a) and base != a), None)
    if accent:
        base = base[: -len(accent)]
    base = _GREEK.get(base, base) + (_ACCENTS[accent] if accent else "")
    if not sub:
        return base
    if sub.startswith("{") and sub.endswith("}"):
        sub = sub[1:-1]
    if sub in _GREEK:  # f_phi: φ has no subscript form
        return f"{base}_{_GREEK[sub]}"
    printed = sub.translate(_SUBSCRIPT)
    if any(ch.isascii() and ch.isalnum() for ch in printed):
        return f"{base}_{sub}" if len(sub) == 1 else f"{base}_{{{sub}}}"
    return base + printed


class ProofTextPrinter(_Shared, StrPrinter):
    """SymPy's string printer, made to read like mathematics in a Unicode terminal."""

    _for_every = " for every"
    _times = "·"

    def _block(self, parent, ranges):
        return f"{parent}[{', '.join(ranges)}]"

    def _print_Range(self, expr):
        start, stop = expr.inf, expr.sup
        if stop == S.Infinity:
            return f"{{{self._print(start)}, {self._print(start + 1)}, …}}"
        return f"{{{self._print(start)}, …, {self._print(stop)}}}"

    # Dispatch on classes only: objects' own ``_sympystr`` (Indexed has one) would bypass us.
    printmethod = "_derive_text"

    def _print_Add(self, expr, order=None):
        if _is_held_sum(expr):
            return _held_sum(self, expr, "(%s)")
        return super()._print_Add(expr, order)

    def _print_Symbol(self, symbol):
        return unicode_name(symbol.name)

    _print_Dummy = _print_Symbol

    def _print_Pi(self, expr):
        return "π"

    def _print_Exp1(self, expr):
        return "e"

    def _print_ImaginaryUnit(self, expr):
        return "i"

    def _print_Infinity(self, expr):
        return "∞"

    def _print_NegativeInfinity(self, expr):
        return "-∞"

    def _print_Mul(self, expr):
        return super()._print_Mul(expr).replace("*", "·")

    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.as_base_exp()
        if exponent.is_Rational and exponent.q == 2 and exponent.p in (1, -1):
            root = "√" + self.parenthesize(base, PRECEDENCE["Pow"])
            return root if exponent.p == 1 else f"1/{root}"
        if exponent.is_Integer and exponent > 1:
            power = str(exponent).translate(_SUPERSCRIPT)
            return self.parenthesize(base, PRECEDENCE["Pow"]) + power
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Normal(self, law):
        return law.label or f"N({self._print(law.mean)}, {self._print(law.variance)})"

    def _print_Density(self, density):
        law, point = density.dist, self._print(density.point)
        if law.label:
            return f"{law.label.lower()}({point})"
        return f"N({point}; {self._print(law.mean)}, {self._print(law.variance)})"

    def _print_Law(self, law):
        mean, variance = self._print(law.mean), self._print(law.variance)
        return law.label or f"a law with mean {mean} and variance {variance}"

    _print_MvNormal = _print_Normal

    def _print_MatrixSymbol(self, matrix):
        return unicode_name(matrix.name)

    def _print_Transpose(self, expr):
        return self.parenthesize(expr.arg, PRECEDENCE["Pow"]) + "ᵀ"

    def _print_Inverse(self, expr):
        return self.parenthesize(expr.arg, PRECEDENCE["Pow"]) + "⁻¹"

    def _print_Determinant(self, expr):
        return f"|{self._print(expr.arg)}|"

    def _print_Trace(self, expr):
        return f"tr({self._print(expr.arg)})"

    def _print_MatMul(self, expr):
        coefficient, matrices = expr.as_coeff_matrices()
        product = "".join(self.parenthesize(m, PRECEDENCE["Mul"], strict=False) for m in matrices)
        if coefficient == 1:
            return product
        if coefficient == -1:
            return "-" + product
        return f"{self.parenthesize(coefficient, PRECEDENCE['Mul'])}·{product}"

    def _print_PositiveDefinite(self, assumption):
        return f"{self._print(assumption.matrix)} ≻ 0 (symmetric positive definite)"

    def _print_Expectation(self, expectation):
        body = self._print(expectation.body)
        if expectation.declared:
            return f"E[{body}]"
        law = expectation.dist
        under = law.label or f"{{{self._print(expectation.var)}~{self._print(law)}}}"
        return f"E_{under}[{body}]"

    def _print_CharacteristicFunction(self, phi):
        argument = self._print(phi.argument)
        if not phi.argument.is_Symbol:
            argument = f"{{{argument}}}"
        return f"φ_{argument}({self._print(phi.t)})"

    def _print_Entropy(self, entropy):
        return f"h({self._print(entropy.law)})"

    def _print_Distributed(self, statement):
        return f"{self._print(statement.expr)} ~ {self._print(statement.law)}"

    def _print_Given(self, given):
        return f"{self._print(given.target)} | {self._given(given.condition)}"

    def _print_ConditionalDensity(self, q):
        targets, label = ", ".join(self._print(v) for v in q.targets), self._print(q.args[2])
        if not q.conditions:
            return f"{label}({targets})"
        return f"{label}({targets} | {', '.join(self._print(v) for v in q.conditions)})"

    def _print_ExpectationUnder(self, e):
        return f"E_{self._print(e.density)}[{self._print(e.body)}]"

    def _print_DivergenceKL(self, divergence):
        return f"D_KL({self._print(divergence.p)} ‖ {self._print(divergence.q)})"

    def _print_Both(self, both):
        return "  and  ".join(self._print(a) for a in both.args)

    def _print_Proportional(self, statement):
        lhs, rhs, var = (self._print(a) for a in statement.args)
        return f"{lhs} ∝ {rhs} (in {var})"

    def _print_KL(self, divergence):
        return f"D_KL({self._print(divergence.p)} ‖ {self._print(divergence.q)})"

    def _print_Indexed(self, indexed):
        index = ",".join(StrPrinter().doprint(i).replace(" ", "") for i in indexed.indices)
        return unicode_name(f"{indexed.base.label.name}_{{{index}}}")

    def _print_Sum(self, expr):
        return self._big("Σ", expr)

    def _print_Product(self, expr):
        return self._big("∏", expr)

    def _big(self, sign, expr):
        (var, low, high), *more = expr.limits
        if more:
            return super()._print_Basic(expr)
        body = self.parenthesize(expr.function, PRECEDENCE["Mul"], strict=True)
        return f"{sign}_{{{self._print(var)}={self._print(low)}}}^{{{self._print(high)}}} {body}"

    def _print_Derivative(self, expr):
        variables = "".join(f"∂{self._print(v)}" for v in expr.variables)
        body = self.parenthesize(expr.expr, PRECEDENCE["Mul"], strict=True)
        return f"∂/{variables} {body}"

    def _print_Subs(self, expr):
        prime = _prime(expr)
        if prime is None:
            return super()._print_Subs(expr)
        name, order, point = prime
        return f"{name}{chr(0x2032) * order}({self._print(point)})"

    def _print_Integral(self, integral):
        (var, *bounds), *more = integral.limits
        if more or len(bounds) != 2:
            return super()._print_Integral(integral)
        low, high = bounds
        where = "ℝ" if (low, high) == (-S.Infinity, S.Infinity) else f"[{low}, {high}]"
        body = self.parenthesize(integral.function, PRECEDENCE["Mul"], strict=True)
        return f"∫_{where} {body} d{self._print(var)}"

    def _print_Relational(self, expr):
        symbol = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥"}.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {symbol} {self._print(expr.rhs)}"

    def _print_Contains(self, expr):
        element, domain = expr.args
        return f"{self._print(element)} ∈ {self._print(domain)}"

    def _print_Reals(self, expr):
        return "ℝ"

    def _print_Integers(self, expr):
        return "ℤ"

    def _print_Naturals(self, expr):
        return "ℕ"

    def _print_Interval(self, interval):
        left = "(" if interval.left_open else "["
        right = ")" if interval.right_open else "]"
        return f"{left}{self._print(interval.start)}, {self._print(interval.end)}{right}"


def latex(expr: Basic) -> str:
    """``expr`` in LaTeX, in the sources' notation."""
    return ProofLatexPrinter().doprint(expr)


def text(expr: Basic) -> str:
    """``expr`` on one line of Unicode, for terminals."""
    return ProofTextPrinter().doprint(expr)


def display_fractions(tex: str) -> str:
    r"""``tex`` (displayed mathematics) with each fraction that sits in a fraction's numerator
    or denominator set as ``\dfrac``, so that TeX sets it at full size rather than in the small
    type of a fraction in a fraction; fractions in superscripts and subscripts are left alone.

    Example:
        >>> display_fractions(r"\frac{\frac{a}{b} + 1}{c} + \frac{x}{y}")
        '\\frac{\\dfrac{a}{b} + 1}{c} + \\frac{x}{y}'
        >>> display_fractions(r"\frac{e^{\frac{a}{2}}}{c}")
        '\\frac{e^{\\frac{a}{2}}}{c}'
    """
    return _fractions(tex, 0, False, False)[0]


def _fractions(tex: str, i: int, in_fraction: bool, in_script: bool) -> tuple[str, int]:
    """The group of ``tex`` from ``i`` to its closing brace (or the end), converted; and the
    index after it."""
    out = []
    while i < len(tex):
        char = tex[i]
        if char == "}":
            return "".join(out), i + 1
        if char == "\\":
            name = re.match(r"\\([A-Za-z]+|.)", tex[i:]).group(1)
            i += 1 + len(name)
            if name not in ("frac", "dfrac", "tfrac"):
                out.append("\\" + name)
                continue
            out.append(
                r"\dfrac" if name == "frac" and in_fraction and not in_script else "\\" + name
            )
            for _ in range(2):  # numerator and denominator, each a braced group
                if i < len(tex) and tex[i] == "{":
                    inner, i = _fractions(tex, i + 1, True, in_script)
                    out.append("{" + inner + "}")
            continue
        script = char in "^_"
        out.append(char)
        i += 1
        if (script or char == "{") and (char == "{" or (i < len(tex) and tex[i] == "{")):
            if script:
                i += 1
                out.append("{")
            inner, i = _fractions(tex, i, in_fraction, in_script or script)
            out.append(inner + "}")
    return "".join(out), i
