//! The `inventory/…` rules.

use trustward_core::{Confidence, Level, Practice, Rule, Severity};

/// A manifest whose resolved versions are not locked.
pub static LOCKFILE_MISSING: Rule = Rule {
    id: "inventory/lockfile-missing",
    title: "Manifest without a lockfile",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-QA-02.01"],
    description: "An application manifest declares dependencies but no lockfile sits next to it \
        or in a parent directory: a `package.json` with dependencies and no package-lock.json, \
        npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml or bun.lock; a `Cargo.toml` of a binary \
        (`[[bin]]` or `src/main.rs`) or of a workspace root with no Cargo.lock; a `pyproject.toml` \
        of an application (no `[build-system]`, or packaging switched off with \
        `tool.poetry.package-mode = false`, `tool.uv.package = false` or \
        `tool.pdm.distribution = false`) with no poetry.lock, uv.lock, pdm.lock, Pipfile.lock, \
        pylock.toml or requirements*.txt. Libraries (crates without a binary, Python packages \
        with a build system) are not reported: their consumers resolve versions.",
    why: "Without a lockfile every install resolves the newest matching versions, so builds \
        are not reproducible, a compromised new release is picked up silently, and nobody can \
        tell which versions were shipped or check them for vulnerabilities.",
    fix: "Generate the lockfile with the package manager and commit it.",
    fix_details: "Run `npm install` (or `yarn`, `pnpm install`, `bun install`), \
        `cargo generate-lockfile`, or `uv lock` / `poetry lock` / `pdm lock`, then commit the \
        lockfile.\n\nBad: a repository with `package.json` only.\n\nGood: `package.json` and \
        `package-lock.json` committed together.",
    references: &[
        "https://docs.npmjs.com/cli/configuring-npm/package-lock-json",
        "https://doc.rust-lang.org/cargo/faq.html#why-have-cargolock-in-version-control",
    ],
};

/// A requirement that is not pinned to one version.
pub static UNPINNED_REQUIREMENT: Rule = Rule {
    id: "inventory/unpinned-requirement",
    title: "Requirement not pinned to an exact version",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-QA-02.01"],
    description: "A pip requirements file (or Pipfile.lock) names a package without an exact \
        `==` pin (`requests>=2`, `flask`), or installs from an editable path or a URL instead of \
        a registry version.",
    why: "An unpinned requirement installs whatever is newest at install time: builds drift, \
        a malicious release is pulled in automatically, and the inventory cannot say which \
        version is deployed.",
    fix: "Pin each requirement with `==` (ideally with `--hash`), e.g. generate the file with \
        `pip-compile --generate-hashes` or `uv pip compile`.",
    fix_details: "Bad:\n\n```text\nrequests>=2\n-e git+https://example.org/lib.git#egg=lib\n```\n\n\
        Good:\n\n```text\nrequests==2.32.3 --hash=sha256:…\n```",
    references: &["https://pip.pypa.io/en/stable/topics/secure-installs/"],
};

/// A dependency fetched from a git repository.
pub static GIT_DEPENDENCY: Rule = Rule {
    id: "inventory/git-dependency",
    title: "Dependency fetched from a git repository",
    severity: Severity::Low,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Standard,
    controls: &["OSPS-BR-05.01"],
    description: "A lockfile or requirements file resolves a dependency from a git URL \
        (Cargo `git+` sources, npm/yarn/pnpm/bun git or GitHub references, poetry/uv/pdm/pylock \
        VCS sources, `git+` requirement lines) rather than from a package registry.",
    why: "Git dependencies bypass the registry's immutability and advisory tooling: a branch \
        or tag can be moved, the code has no published checksum, and vulnerability databases \
        do not track it.",
    fix: "Depend on a released registry version; if a fork is unavoidable, pin the full commit \
        hash and track it.",
    fix_details: "Bad: `foo = { git = \"https://github.com/org/foo\", branch = \"main\" }`.\n\n\
        Good: `foo = \"1.4.2\"`, or at least `rev = \"<full commit sha>\"`.",
    references: &["https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html"],
};

/// A dependency fetched over plain HTTP.
pub static INSECURE_HTTP_DEPENDENCY: Rule = Rule {
    id: "inventory/insecure-http-dependency",
    title: "Dependency or index fetched over plain HTTP",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-BR-05.01"],
    description: "A lockfile resolves a package from an `http://` URL, or a requirements file \
        uses an `http://` index or link.",
    why: "Anyone on the network path can replace a package downloaded over plain HTTP; \
        hashes in the same lockfile only help when the tool checks them.",
    fix: "Use the `https://` URL of the registry or tarball and regenerate the lockfile.",
    fix_details: "Bad: `--index-url http://pypi.example.org/simple`.\n\nGood: \
        `--index-url https://pypi.example.org/simple`.",
    references: &["https://owasp.org/www-community/attacks/Manipulator-in-the-middle_attack"],
};

/// A manifest dependency missing from its lockfile.
pub static LOCKFILE_OUT_OF_SYNC: Rule = Rule {
    id: "inventory/lockfile-out-of-sync",
    title: "Lockfile out of sync with its manifest",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-QA-02.01"],
    description: "A dependency declared in the manifest is not in the lockfile, or is declared \
        with a different range than the lockfile recorded: a `package.json` dependency missing \
        from (or differing in) package-lock.json's root entry (`packages[\"\"]`, lockfile \
        v2/v3), or a `Cargo.toml` dependency whose crate is not in Cargo.lock. Seen without \
        resolving anything.",
    why: "A stale lockfile means the versions that were reviewed and scanned are not the ones \
        the next install picks; `npm ci` fails on it, and the inventory misses what will be \
        installed.",
    fix: "Regenerate the lockfile (`npm install`, `cargo update -w`) and commit it with the \
        manifest change.",
    fix_details: "",
    references: &["https://docs.npmjs.com/cli/commands/npm-ci"],
};

/// Every rule of the analyzer.
pub fn all() -> Vec<&'static Rule> {
    vec![
        &LOCKFILE_MISSING,
        &UNPINNED_REQUIREMENT,
        &GIT_DEPENDENCY,
        &INSECURE_HTTP_DEPENDENCY,
        &LOCKFILE_OUT_OF_SYNC,
    ]
}
