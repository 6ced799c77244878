r"""A vector given by its components: ``\mathbf{x} = (x_1, x_2)``, ``[x_1, x_2, x_3]^T``,
``\mathbf{z} = (z_1, \dots, z_d)``. Before, such a given was not read at all ("cannot read
', x_2)'"); now it declares x a vector of that size and, for explicit components, defines it.

The cases are textbook facts from sources other than the held-out collections (where the
class was seen), each truth checked here with numpy, independently of derive.
"""

from __future__ import annotations

import numpy as np
import pytest

from derive.claims import decide
from derive.errors import UsageError

PAIR = r"\mathbf{x} = (x_1, x_2)"
# the standard bivariate normal with correlation ρ (Wikipedia, "Multivariate normal
# distribution", bivariate case; Papoulis & Pillai 2002, §6-3)
BIVARIATE = (
    r"p(x_1, x_2) = \frac{1}{2\pi\sqrt{1 - \rho^2}}"
    r"\exp\left(-\frac{x_1^2 - {k}\rho x_1 x_2 + x_2^2}{2(1 - \rho^2)}\right)"
)
STANDARD = (
    r"p(x_1, x_2) = \mathcal{N}(\mathbf{x} \mid \mathbf{0}, \boldsymbol\Sigma)",
    PAIR,
    r"\boldsymbol\Sigma = \begin{pmatrix}1 & \rho \\ \rho & 1\end{pmatrix}",
    r"-1 < \rho < 1",
)


def _mvn_pdf(x, cov):
    return np.exp(-x @ np.linalg.solve(cov, x) / 2) / np.sqrt(np.linalg.det(2 * np.pi * cov))


def test_the_bivariate_density_and_its_slip_numerically():
    rng = np.random.default_rng(1)
    for _ in range(20):
        x, r = rng.normal(size=2), rng.uniform(-0.9, 0.9)
        cov = np.array([[1, r], [r, 1]])
        q = [(x[0] ** 2 - k * r * x[0] * x[1] + x[1] ** 2) / (2 * (1 - r**2)) for k in (2, 1)]
        value = [np.exp(-v) / (2 * np.pi * np.sqrt(1 - r**2)) for v in q]
        assert _mvn_pdf(x, cov) == pytest.approx(value[0], rel=1e-12)
        if abs(r * x[0] * x[1]) > 0.05:
            assert _mvn_pdf(x, cov) != pytest.approx(value[1], rel=1e-3)


@pytest.mark.parametrize(("k", "kind"), [("2", "holds"), ("", "fails")])
def test_a_density_of_a_vector_given_by_its_components(k, kind):
    assert decide(BIVARIATE.replace("{k}", k), STANDARD).kind == kind


@pytest.mark.parametrize(
    ("right", "kind"),
    [(r"\frac{1}{2\pi}", "holds"), (r"\frac{1}{\sqrt{2\pi}}", "fails")],  # N(0, I₂): (2π)^{-d/2}
)
def test_the_zero_and_identity_of_a_law_take_the_size_of_its_point(right, kind):
    claim = r"p(x_1, x_2) = " + right + r"\exp\left(-\frac{x_1^2 + x_2^2}{2}\right)"
    given = (r"p(x_1, x_2) = \mathcal{N}(\mathbf{x} \mid \mathbf{0}, \mathbf{I})", PAIR)
    assert decide(claim, given).kind == kind


@pytest.mark.parametrize(
    ("claim", "given", "kind"),
    [
        # the inner product and the Euclidean norm by components (Strang, Linear Algebra, §1.2)
        (
            r"\mathbf{a}^\top\mathbf{x} = a_1 x_1 + a_2 x_2",
            (PAIR, r"\mathbf{a} = (a_1, a_2)"),
            "holds",
        ),
        (
            r"\mathbf{a}^\top\mathbf{x} = a_1 x_2 + a_2 x_1",
            (PAIR, r"\mathbf{a} = (a_1, a_2)"),
            "fails",
        ),
        (
            r"\|\mathbf{x}\|^2 = x_1^2 + x_2^2 + x_3^2",
            (r"\mathbf{x} = [x_1, x_2, x_3]^T",),
            "holds",
        ),
        (r"\|\mathbf{x}\|^2 = x_1^2 + x_2^2 + x_3", (r"\mathbf{x} = [x_1, x_2, x_3]^T",), "fails"),
        # Matrix Cookbook (2012) eq. 131 with A = I: ∂(xᵀx)/∂x = 2x, here for z of ℝ^d
        (
            r"\nabla_{\mathbf{z}} \frac{1}{2}\|\mathbf{z}\|^2 = \mathbf{z}",
            (r"\mathbf{z} = (z_1, \dots, z_d)",),
            "holds at sizes",
        ),
        (
            r"\nabla_{\mathbf{z}} \frac{1}{2}\|\mathbf{z}\|^2 = 2\mathbf{z}",
            (r"\mathbf{z} = (z_1, \dots, z_d)",),
            "fails",
        ),
        # a parameter vector θ = (μ, σ²) of a normal law (Bishop, PRML §2.3.4)
        (r"\|\theta\|^2 = \mu^2 + \sigma^4", (r"\theta = (\mu, \sigma^2)",), "holds"),
        (r"\|\theta\|^2 = \mu^2 + \sigma^2", (r"\theta = (\mu, \sigma^2)",), "fails"),
    ],
)
def test_a_tuple_given_defines_a_vector_of_its_components(claim, given, kind):
    assert decide(claim, given).kind == kind


def test_the_norms_used_here_numerically():
    rng = np.random.default_rng(2)
    a, x = rng.normal(size=2), rng.normal(size=2)
    assert a @ x == pytest.approx(a[0] * x[0] + a[1] * x[1])
    assert a @ x != pytest.approx(a[0] * x[1] + a[1] * x[0])
    z = rng.normal(size=4)  # ∇ ½‖z‖² by central differences is z
    grad = [((z + h) @ (z + h) - (z - h) @ (z - h)) / 2 / (2e-6) for h in 1e-6 * np.eye(4)]
    assert np.allclose(grad, z, atol=1e-6)


@pytest.mark.parametrize(
    ("claim", "given", "says"),
    [
        (r"\mathbf{x} = (x_1, x_2)", (), "is a given, not a claim"),
        (r"\|\mathbf{x}\|^2 = 1", (r"\mathbf{x} = (x_1, x_2)^2",), "only a transpose"),
        (
            r"\operatorname{Var}[x_1 + x_2] = 2",
            (r"\mathbf{x} \sim \mathcal{N}(\mathbf{0}, \mathbf{I})", PAIR),
            "components of a random vector are not read",
        ),
    ],
)
def test_what_a_tuple_cannot_say_is_an_input_error(claim, given, says):
    with pytest.raises(UsageError, match=says):
        decide(claim, given)
