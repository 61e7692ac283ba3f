"""Facts read from the Dockerfile and .dockerignore, for tests (Docker itself does not run on these machines)."""
from __future__ import annotations

import json
import shlex
from dataclasses import dataclass

from psw_dash import paths

DOCKERFILE = paths.ROOT / "Dockerfile"
DOCKERIGNORE = paths.ROOT / ".dockerignore"


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str

    def exec_form(self) -> list[str]:
        """CMD ["a", "b"] as a list; a shell-form command split as the shell would."""
        text = self.arguments.strip()
        return json.loads(text) if text.startswith("[") else shlex.split(text)


def instructions(text: str | None = None) -> list[Instruction]:
    """Each instruction with its continuation lines joined; comments and blank lines dropped."""
    text = DOCKERFILE.read_text(encoding="utf-8") if text is None else text
    joined, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        current += " " + stripped[:-1] if stripped.endswith("\\") else " " + stripped
        if not stripped.endswith("\\"):
            joined.append(current.strip())
            current = ""
    return [Instruction(*(part.split(None, 1) + [""])[:2]) for part in joined]


def all_of(keyword: str) -> list[Instruction]:
    return [i for i in instructions() if i.keyword.upper() == keyword]


def last(keyword: str) -> Instruction:
    return all_of(keyword)[-1]


def env() -> dict[str, str]:
    values: dict[str, str] = {}
    for instruction in all_of("ENV"):
        for pair in shlex.split(instruction.arguments):
            name, _, value = pair.partition("=")
            values[name] = value
    return values


def copied_sources() -> list[str]:
    """The source paths of every COPY instruction (the last word is the destination)."""
    return [source for i in all_of("COPY") for source in shlex.split(i.arguments)[:-1] if not source.startswith("--")]


def ignored() -> list[str]:
    return [line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
