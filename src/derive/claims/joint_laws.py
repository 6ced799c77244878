"""Joint normal laws of a few numbers, as the sources write them: a column of letters
distributed as a normal law with a column mean and a written-out covariance,

    (x_a, x_b)ᵀ ~ N((μ_a, μ_b)ᵀ, [[σ_a², ρσ_aσ_b], [ρσ_aσ_b, σ_b²]]).

Such a vector is the affine image μ + L ε of independent standard normals ε, L the Cholesky
factor of the covariance (LLᵀ = Σ); each letter is read as its row of μ + L ε, so that the
conditional moments E[x_a | x_b], Var[x_a | x_b] follow by Gaussian conditioning
(:mod:`derive.claims.conditioning`) and laws and moments by the normal rules.

Example:
    >>> from derive.claims import decide
    >>> joint = (r"\\begin{pmatrix}a \\\\ b\\end{pmatrix} \\sim \\mathcal{N}\\left("
    ...          r"\\begin{pmatrix}0 \\\\ 0\\end{pmatrix}, "
    ...          r"\\begin{pmatrix}1 & \\frac{1}{2} \\\\ \\frac{1}{2} & 1\\end{pmatrix}\\right)")
    >>> decide(r"\\mathbb{E}[a \\mid b] = \\frac{b}{2}", (joint,)).kind
    'holds'
"""

from __future__ import annotations

from sympy import ImmutableMatrix, MatrixExpr, Symbol, simplify

from ..errors import UsageError
from .parse import quoted

MAX_LETTERS = 3  # a symbolic Cholesky factor of more rows is too large to read


def is_joint_law(lhs, rhs) -> bool:
    """Whether ``lhs ~ rhs`` is a joint normal law of a column of letters."""
    from ..gaussian import Normal

    return (
        isinstance(lhs, ImmutableMatrix)
        and lhs.shape[1] == 1
        and isinstance(rhs, Normal)
        and all(isinstance(x, Symbol) for x in lhs)
    )


def joint_letters(lhs) -> set:
    """The names of the letters a joint law declares (they are defined by it)."""
    return {x.name for x in lhs} if isinstance(lhs, ImmutableMatrix) else set()


def read_joint_law(g, text: str, variables: dict, definitions: dict, reader) -> None:
    """Each letter of the joint law ``g`` defined as its row of μ + L ε (ε independent standard
    normals, new random variables in ``variables``); an input error for a law that is not a
    joint normal law of a column of letters with a symmetric covariance of matching size."""
    from ..gaussian import Normal, RandomVariable
    from ..render.printers import text as shown

    letters, law = list(g.lhs), g.rhs
    mean, covariance = law.args[0], law.args[1]
    size = len(letters)
    if any(isinstance(m, MatrixExpr) for m in (mean, covariance)) and not all(
        isinstance(m, ImmutableMatrix) for m in (mean, covariance)
    ):
        raise UsageError(
            f"--given {quoted(text)}: a joint law of letters takes a written-out mean "
            "\\begin{pmatrix}…\\end{pmatrix} and covariance"
        )
    if not isinstance(mean, ImmutableMatrix) or mean.shape != (size, 1):
        raise UsageError(f"--given {quoted(text)}: the mean is not a column of {size} entries")
    if not isinstance(covariance, ImmutableMatrix) or covariance.shape != (size, size):
        raise UsageError(f"--given {quoted(text)}: the covariance is not {size}×{size}")
    if size > MAX_LETTERS:
        raise UsageError(f"--given {quoted(text)}: a joint law of at most {MAX_LETTERS} letters")
    if simplify(covariance - covariance.T) != ImmutableMatrix.zeros(size, size):
        raise UsageError(f"--given {quoted(text)}: a covariance is symmetric; this one is not")
    factor = covariance.cholesky(hermitian=False).applyfunc(simplify)
    noises = [RandomVariable(f"epsilon_{x.name}") for x in letters]
    for noise in noises:
        variables[noise] = Normal(0, 1)
    for i, letter in enumerate(letters):
        if letter in definitions or letter in variables:
            raise UsageError(f"--given {quoted(text)}: {shown(letter)} is declared twice")
        definitions[letter] = mean[i] + sum(factor[i, j] * noises[j] for j in range(i + 1))
    reader.note(
        ", ".join(shown(x) for x in letters),
        "jointly normal: μ + Lε with LLᵀ the covariance (Cholesky), "
        + ", ".join(shown(n) for n in noises)
        + " independent standard normals; the covariance positive definite",
        f"declared: {text}",
    )
