"""What MDX makes of a `{…}` expression in text: a JavaScript expression, parsed by acorn.

MDX compiles `{x}` to the JavaScript `x` inside the page's component: text that is not a
valid expression stops the build ("Could not parse expression with acorn"); a name nothing
defines stops it while rendering ("ReferenceError: x is not defined"); a valid expression of
constants builds and silently renders its value (`{1 + 1}` shows "2", `{}` shows nothing).

This is a small parser of the common expression subset — literals, names, member access,
calls, arrays, objects, operators, arrow functions — enough to tell those cases apart. For
anything it does not model (functions with bodies, JSX, classes, template literals with
substitutions) it answers `unknown`, and the rules then say nothing: an unsure linter must not
fail a build that works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

Verdict = Literal["empty", "comment", "constant", "object", "names", "syntax", "unknown"]


@dataclass(frozen=True)
class Expression:
    """The verdict on one expression body; `names` are its free variables, in order."""

    verdict: Verdict
    names: tuple[str, ...] = ()
    problem: str = ""


class _Unknown(Exception):
    """The expression uses syntax this parser does not model."""


class _Syntax(Exception):
    """The expression is not valid JavaScript."""


_TOKEN_SOURCE = r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<name>[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*)
  | (?P<number>0[xXoObB][\da-fA-F_]+n?|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?n?)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<template>`(?:[^`\\]|\\.)*`)
  | (?P<punct>>>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|&&=|\|\|=|\?\?=|=>|==|!=|<=|>=|&&|\|\||\?\?
              |\?\.(?!\d)|\+\+|--|\+=|-=|\*=|/=|%=|&=|\|=|\^=|\*\*|<<|>>|[{}()\[\];,<>+\-*/%&|^!~?:=.@#])
    """


@cache
def _token() -> re.Pattern[str]:
    """The token pattern, compiled on first use: only files with `{…}` in prose need it, and
    compiling it costs every command that imports the rules ~8 ms."""
    return re.compile(_TOKEN_SOURCE, re.VERBOSE | re.DOTALL)


_BINARY = {
    "??": 1, "||": 2, "&&": 3, "|": 4, "^": 5, "&": 6,
    "==": 7, "!=": 7, "===": 7, "!==": 7,
    "<": 8, ">": 8, "<=": 8, ">=": 8, "in": 8, "instanceof": 8,
    "<<": 9, ">>": 9, ">>>": 9, "+": 10, "-": 10, "*": 11, "/": 11, "%": 11, "**": 12,
}  # fmt: skip
_ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^="}
_ASSIGN |= {"&&=", "||=", "??="}
_UNARY = {"!", "-", "+", "~", "typeof", "void", "delete", "await"}
_LITERALS = {"true", "false", "null", "undefined", "NaN", "Infinity", "this"}
_RESERVED = {
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "do",
    "else", "export", "extends", "finally", "for", "function", "if", "import", "let",
    "return", "super", "switch", "throw", "try", "var", "while", "with", "yield",
}  # fmt: skip
_UNMODELLED = {"function", "class", "async", "yield", "super", "import"}


@dataclass
class _Tokens:
    items: list[tuple[str, str]]
    at: int = 0
    free: list[str] = field(default_factory=list)
    scopes: list[set[str]] = field(default_factory=list)

    def peek(self, ahead: int = 0) -> tuple[str, str]:
        index = self.at + ahead
        return self.items[index] if index < len(self.items) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.at += 1
        return token

    def expect(self, value: str) -> None:
        kind, text = self.take()
        if text != value or kind not in ("punct", "name"):
            raise _Syntax(f"expected '{value}'")

    def use(self, name: str) -> None:
        if not any(name in scope for scope in self.scopes) and name not in self.free:
            self.free.append(name)


def _tokenize(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    at = 0
    pattern = _token()
    while at < len(source):
        match = pattern.match(source, at)
        if match is None:
            if source[at] in "\"'`":
                raise _Syntax("unterminated string")
            raise _Syntax(f"unexpected character {source[at]!r}")
        kind = match.lastgroup or ""
        if kind == "template" and "${" in match.group():
            raise _Unknown
        if kind != "space":
            tokens.append(("string" if kind == "template" else kind, match.group()))
        at = match.end()
    return tokens


def classify(body: str) -> Expression:
    """The verdict on the text between an expression's braces."""
    if not body.strip():
        return Expression("empty")
    try:
        tokens = _tokenize(body)
        if not tokens:
            return Expression("comment")
        stream = _Tokens(tokens)
        top = _sequence(stream)
        if stream.peek()[0] != "end":
            raise _Syntax(f"unexpected {stream.peek()[1]!r}")
    except _Unknown:
        return Expression("unknown")
    except _Syntax as exc:
        return Expression("syntax", problem=str(exc))
    if stream.free:
        return Expression("names", tuple(stream.free))
    if top == "object":
        return Expression("object")
    return Expression("constant" if top == "constant" else "unknown")


# Each parse function returns what the expression is: "constant" (no names, no calls),
# "object" (an object literal), or "value" (anything else that is valid).


def _sequence(s: _Tokens) -> str:
    kind = _assignment(s)
    while s.peek()[1] == ",":
        s.take()
        kind = _assignment(s)
    return kind


def _assignment(s: _Tokens) -> str:
    if _arrow_ahead(s):
        return _arrow(s)
    kind = _conditional(s)
    if s.peek()[0] == "punct" and s.peek()[1] in _ASSIGN:
        s.take()
        _assignment(s)
        return "value"
    return kind


def _conditional(s: _Tokens) -> str:
    kind = _binary(s, 0)
    if s.peek()[1] == "?":
        s.take()
        first = _assignment(s)
        s.expect(":")
        second = _assignment(s)
        both_constant = kind == first == second == "constant"
        return "constant" if both_constant else "value"
    return kind


def _binary(s: _Tokens, floor: int) -> str:
    kind = _unary(s)
    while True:
        operator = s.peek()[1]
        power = _BINARY.get(operator)
        if power is None or power <= floor or s.peek()[0] == "string":
            return kind
        s.take()
        # `**` is right-associative; the rest left
        right = _binary(s, power - 1 if operator == "**" else power)
        kind = "constant" if kind == right == "constant" else "value"


def _unary(s: _Tokens) -> str:
    kind, text = s.peek()
    if (kind == "punct" and text in ("!", "-", "+", "~", "++", "--")) or (
        kind == "name" and text in _UNARY
    ):
        s.take()
        if text == "typeof" and s.peek()[0] == "name" and s.peek(1)[1] not in (".", "?.", "(", "["):
            s.take()  # `typeof x` never throws, defined or not
            return "value"
        inner = _unary(s)
        return "constant" if inner == "constant" and text not in ("++", "--") else "value"
    return _postfix(s)


def _postfix(s: _Tokens) -> str:
    kind = _primary(s)
    while True:
        text = s.peek()[1]
        if text in (".", "?."):
            s.take()
            if s.peek()[1] in ("(", "["):
                continue
            if s.take()[0] != "name":
                raise _Syntax("expected a property name")
            kind = "value"
        elif text == "[":
            s.take()
            _sequence(s)
            s.expect("]")
            kind = "value"
        elif text == "(":
            _arguments(s)
            kind = "value"
        elif text in ("++", "--"):
            s.take()
            kind = "value"
        elif s.peek()[0] == "string" and s.peek()[1].startswith("`"):
            s.take()  # a tagged template
            kind = "value"
        else:
            return kind


def _arguments(s: _Tokens) -> None:
    s.expect("(")
    while s.peek()[1] != ")":
        if s.peek()[1] == "...":
            s.take()
        _assignment(s)
        if s.peek()[1] != ",":
            break
        s.take()
    s.expect(")")


def _primary(s: _Tokens) -> str:
    kind, text = s.take()
    if kind in ("number", "string"):
        return "constant"
    if kind == "name":
        if text in _LITERALS:
            return "constant" if text != "this" else "value"
        if text in _UNMODELLED:
            raise _Unknown
        if text == "new":
            _postfix(s)
            return "value"
        if text in _RESERVED:
            raise _Syntax(f"unexpected keyword '{text}'")
        s.use(text)
        return "value"
    if text == "(":
        inner = _sequence(s)
        s.expect(")")
        return inner
    if text == "[":
        return _array(s)
    if text == "{":
        _object(s)
        return "object"
    if text in ("/", "/="):
        raise _Unknown  # a regular expression literal
    if text == "<":
        raise _Unknown  # JSX inside an expression
    if kind == "end":
        raise _Syntax("unexpected end of expression")
    raise _Syntax(f"unexpected {text!r}")


def _array(s: _Tokens) -> str:
    constant = True
    while s.peek()[1] != "]":
        if s.peek()[1] == ",":
            s.take()
            continue
        if s.peek()[1] == "...":
            s.take()
            constant = False
        constant = _assignment(s) == "constant" and constant
        if s.peek()[1] != ",":
            break
        s.take()
    s.expect("]")
    return "constant" if constant else "value"


def _object(s: _Tokens) -> None:
    while s.peek()[1] != "}":
        kind, text = s.take()
        if text == "...":
            _assignment(s)
        elif text == "[":
            _assignment(s)
            s.expect("]")
            s.expect(":")
            _assignment(s)
        elif kind in ("name", "string", "number"):
            if s.peek()[1] == ":":
                s.take()
                _assignment(s)
            elif s.peek()[1] == "(":
                raise _Unknown  # a method
            elif kind == "name" and s.peek()[1] in (",", "}"):
                s.use(text)  # shorthand `{a}`
            else:
                raise _Syntax("expected ':' in an object")
        else:
            raise _Syntax(f"unexpected {text!r} in an object")
        if s.peek()[1] != ",":
            break
        s.take()
    s.expect("}")


def _arrow_ahead(s: _Tokens) -> bool:
    kind, text = s.peek()
    if kind == "name" and text not in _RESERVED and s.peek(1)[1] == "=>":
        return True
    if text != "(":
        return False
    depth = 0
    for index in range(s.at, len(s.items)):
        value = s.items[index][1]
        if value in ("(", "[", "{"):
            depth += 1
        elif value in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return index + 1 < len(s.items) and s.items[index + 1][1] == "=>"
    return False


def _arrow(s: _Tokens) -> str:
    names: set[str] = set()
    if s.peek()[1] == "(":
        s.take()
        while s.peek()[1] != ")":
            kind, text = s.take()
            if kind != "name":
                raise _Unknown  # destructuring or defaults
            names.add(text)
            if s.peek()[1] == ",":
                s.take()
            elif s.peek()[1] != ")":
                raise _Unknown
        s.take()
    else:
        names.add(s.take()[1])
    s.expect("=>")
    if s.peek()[1] == "{":
        raise _Unknown  # a body of statements
    s.scopes.append(names)
    _assignment(s)
    s.scopes.pop()
    return "value"
