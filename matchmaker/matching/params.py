"""The parameter half of scikit-learn's estimator contract, without importing scikit-learn.

`sklearn.base.BaseEstimator` would give the same get_params / set_params, but importing it pulls in
scipy.stats and more: 0.8 s of every `matchmaker match` run, longer than reading both input files.
`sklearn.base.clone` works on any object with get_params (tests/matching/test_ranker.py uses it).
"""

from __future__ import annotations

import inspect
from typing import Any, TypeVar

P = TypeVar("P", bound="Params")


class Params:
    """get_params, set_params and a repr of the changed parameters, from the keyword arguments of __init__."""

    @classmethod
    def _param_defaults(cls) -> dict[str, Any]:
        sig = inspect.signature(cls.__init__)
        return {p.name: p.default for p in sig.parameters.values()
                if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters as set (deep: also `name__param` of parameters that have their own)."""
        out: dict[str, Any] = {}
        for name in sorted(self._param_defaults()):
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                out.update((f"{name}__{k}", v) for k, v in value.get_params().items())
            out[name] = value
        return out

    def set_params(self: P, **params: Any) -> P:
        """Set constructor parameters by name; an unknown name is a ValueError that lists the valid ones."""
        valid = self._param_defaults()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"invalid parameter {name!r} for {type(self).__name__}: "
                                 f"valid parameters are {sorted(valid)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = self._param_defaults()
        changed = [f"{k}={v!r}" for k, v in self.get_params(deep=False).items()
                   if not (v is defaults[k] or (type(v) is type(defaults[k]) and v == defaults[k]))]
        return f"{type(self).__name__}({', '.join(changed)})"
