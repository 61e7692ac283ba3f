"""Facts read from the Dockerfile and .dockerignore, for tests of what the image is made of (the image
itself is built and run by tests/deploy/test_image_runs.py, through psw_dash/hosting/container.py)."""

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


def stages() -> list[list[Instruction]]:
    """The instructions of each build stage, each starting with its FROM (the global ARGs before the first are left out)."""
    found: list[list[Instruction]] = []
    for instruction in instructions():
        if instruction.keyword.upper() == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def runtime() -> list[Instruction]:
    """The last stage: what the image is."""
    return stages()[-1]


def all_of(keyword: str, stage: list[Instruction] | None = None) -> list[Instruction]:
    return [i for i in (instructions() if stage is None else stage) if i.keyword.upper() == keyword]


def last(keyword: str) -> Instruction:
    return all_of(keyword)[-1]


def global_args() -> dict[str, str]:
    """ARG name=default before the first FROM (the base image is chosen there)."""
    values: dict[str, str] = {}
    for instruction in instructions():
        if instruction.keyword.upper() == "FROM":
            break
        if instruction.keyword.upper() == "ARG":
            name, _, value = instruction.arguments.partition("=")
            values[name] = value.strip('"')
    return values


def env() -> dict[str, str]:
    """The runtime stage's environment."""
    values: dict[str, str] = {}
    for instruction in all_of("ENV", runtime()):
        for pair in shlex.split(instruction.arguments):
            name, _, value = pair.partition("=")
            values[name] = value
    return values


def copied_sources(stage: list[Instruction] | None = None, from_context: bool = True) -> list[str]:
    """The source paths of COPY instructions (the last word is the destination): those from the build
    context, or (from_context=False) those from another stage (COPY --from=...)."""
    words = [shlex.split(i.arguments) for i in all_of("COPY", stage)]
    return [
        source
        for w in words
        if any(o.startswith("--from=") for o in w) != from_context
        for source in w[:-1]
        if not source.startswith("--")
    ]


def ignored() -> list[str]:
    return [
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def let_in() -> list[str]:
    """The .dockerignore's exceptions (!path): with `*` first, the whole build context."""
    return [line[1:] for line in ignored() if line.startswith("!")]
