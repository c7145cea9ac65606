//! The OpenSSF OSPS Baseline control ids (version 2026-02-19), so rule declarations can be
//! checked against the real list. The list is kept in sync with
//! `shared/data/osps/baseline_criteria.yml` by a test.

/// Every OSPS Baseline control id, sorted.
pub const CONTROLS: [&str; 64] = [
    "OSPS-AC-01.01",
    "OSPS-AC-02.01",
    "OSPS-AC-03.01",
    "OSPS-AC-03.02",
    "OSPS-AC-04.01",
    "OSPS-AC-04.02",
    "OSPS-BR-01.01",
    "OSPS-BR-01.03",
    "OSPS-BR-01.04",
    "OSPS-BR-02.01",
    "OSPS-BR-02.02",
    "OSPS-BR-03.01",
    "OSPS-BR-03.02",
    "OSPS-BR-04.01",
    "OSPS-BR-05.01",
    "OSPS-BR-06.01",
    "OSPS-BR-07.01",
    "OSPS-BR-07.02",
    "OSPS-DO-01.01",
    "OSPS-DO-02.01",
    "OSPS-DO-03.01",
    "OSPS-DO-03.02",
    "OSPS-DO-04.01",
    "OSPS-DO-05.01",
    "OSPS-DO-06.01",
    "OSPS-DO-07.01",
    "OSPS-GV-01.01",
    "OSPS-GV-01.02",
    "OSPS-GV-02.01",
    "OSPS-GV-03.01",
    "OSPS-GV-03.02",
    "OSPS-GV-04.01",
    "OSPS-LE-01.01",
    "OSPS-LE-02.01",
    "OSPS-LE-02.02",
    "OSPS-LE-03.01",
    "OSPS-LE-03.02",
    "OSPS-QA-01.01",
    "OSPS-QA-01.02",
    "OSPS-QA-02.01",
    "OSPS-QA-02.02",
    "OSPS-QA-03.01",
    "OSPS-QA-04.01",
    "OSPS-QA-04.02",
    "OSPS-QA-05.01",
    "OSPS-QA-05.02",
    "OSPS-QA-06.01",
    "OSPS-QA-06.02",
    "OSPS-QA-06.03",
    "OSPS-QA-07.01",
    "OSPS-SA-01.01",
    "OSPS-SA-02.01",
    "OSPS-SA-03.01",
    "OSPS-SA-03.02",
    "OSPS-VM-01.01",
    "OSPS-VM-02.01",
    "OSPS-VM-03.01",
    "OSPS-VM-04.01",
    "OSPS-VM-04.02",
    "OSPS-VM-05.01",
    "OSPS-VM-05.02",
    "OSPS-VM-05.03",
    "OSPS-VM-06.01",
    "OSPS-VM-06.02",
];

/// Whether `id` is an OSPS Baseline control.
pub fn is_known_control(id: &str) -> bool {
    CONTROLS.binary_search(&id).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted() {
        assert!(CONTROLS.windows(2).all(|w| w[0] < w[1]));
    }

    /// Every `original_id:` in the shared criteria file is in the list, and nothing else.
    #[test]
    fn list_matches_shared_criteria() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/osps/baseline_criteria.yml"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            panic!("{path} is missing: the tests need ../shared beside the repository");
        };
        let mut ids: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("original_id:"))
            .map(str::trim)
            .collect();
        ids.sort_unstable();
        assert_eq!(ids, CONTROLS.to_vec());
    }
}
