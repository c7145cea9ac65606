//! Shell-text helpers shared by the workflow and Dockerfile checks: `curl … | sh`
//! detection and writes to `$GITHUB_ENV`/`$GITHUB_PATH`/`$GITHUB_OUTPUT`.

use regex::Regex;
use std::sync::LazyLock;

static PIPE_TO_SHELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)
        \b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+\S+=\S+\s+)*(?:/usr/bin/|/bin/)?(?:ba|z|da|k|fi)?sh\b
      | \b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:python[0-9.]*|perl|ruby|node)\b
      | \b(?:ba|z)?sh\s+(?:-\S+\s+)*<\(\s*(?:curl|wget)\b
      | \b(?:ba|z)?sh\s+-c\s+["']?\$\(\s*(?:curl|wget)\b
      | \b(?:iex|Invoke-Expression)\b[^\n]*\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString)\b
      | \b(?:irm|iwr|Invoke-RestMethod|Invoke-WebRequest)\b[^\n|]*\|\s*(?:iex|Invoke-Expression)\b
    "#,
    )
    .expect("static regex")
});

/// Byte ranges of `curl … | sh`-style downloads executed unseen.
pub fn pipe_to_shell(text: &str) -> Vec<(usize, usize)> {
    PIPE_TO_SHELL
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

static ENV_FILE_WRITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:\$\{?|\$env:)(GITHUB_ENV|GITHUB_PATH)\b\}?"#).expect("static regex")
});

/// Byte ranges of `$GITHUB_ENV`/`$GITHUB_PATH` references (writes, in practice) with
/// which file they name.
pub fn env_file_refs(text: &str) -> Vec<(usize, usize, String)> {
    ENV_FILE_WRITE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((m.start(), m.end(), c.get(1)?.as_str().to_ascii_uppercase()))
        })
        .collect()
}

/// The line around each of a series of increasing byte offsets of one text, found once
/// per line: many matches on one long line cost O(line), not O(matches × line).
#[derive(Debug)]
pub struct LineCache<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> LineCache<'a> {
    /// A cache over `text`.
    pub fn new(text: &'a str) -> Self {
        LineCache {
            text,
            start: 0,
            end: 0,
        }
    }

    /// The line around `at` and whether it is the same line as the previous call's.
    pub fn line(&mut self, at: usize) -> (&'a str, bool) {
        let at = at.min(self.text.len());
        if self.end > self.start && at >= self.start && at < self.end {
            return (&self.text[self.start..self.end], true);
        }
        let l = line_around(self.text, at);
        self.start = l.as_ptr() as usize - self.text.as_ptr() as usize;
        self.end = self.start + l.len();
        (l, false)
    }
}

/// The line of `text` around byte `at`.
pub fn line_around(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes() {
        assert_eq!(pipe_to_shell("curl -sSL https://x.sh | bash").len(), 1);
        assert_eq!(
            pipe_to_shell("curl -fsSL https://x | sudo -E sh -s --").len(),
            1
        );
        assert_eq!(pipe_to_shell("wget -qO- https://x | python3 -").len(), 1);
        assert_eq!(pipe_to_shell("bash <(curl -s https://x)").len(), 1);
        assert_eq!(pipe_to_shell("sh -c \"$(curl -fsSL https://x)\"").len(), 1);
        assert!(pipe_to_shell("curl -o x.tgz https://x && sha256sum -c x.sha").is_empty());
        assert!(pipe_to_shell("curl https://x | jq .name | shasum").is_empty());
    }

    #[test]
    fn env_files() {
        let r = env_file_refs("echo \"A=$B\" >> \"$GITHUB_ENV\"\necho p >> ${GITHUB_PATH}");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].2, "GITHUB_ENV");
        assert!(env_file_refs("echo x >> $GITHUB_OUTPUT").is_empty());
    }
}
