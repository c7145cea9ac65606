//! Licence categories (permissive, public domain, weak copyleft, strong copyleft, network
//! copyleft, source-available / non-commercial), read from `data/categories.toml`, usable
//! in the `[licenses]` policy as `category:<name>`.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a licence asks of those who redistribute the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Attribution at most.
    Permissive,
    /// No conditions at all.
    PublicDomain,
    /// Changes to the licensed files must be shared (file- or library-level copyleft).
    WeakCopyleft,
    /// The whole derived work must be under the same licence when distributed.
    StrongCopyleft,
    /// As strong copyleft, and offering the software over a network counts as distribution.
    NetworkCopyleft,
    /// Not open source: non-commercial, source-available or proprietary terms.
    SourceAvailable,
    /// Not in trustward's table.
    Uncategorized,
}

impl Category {
    /// Every category, in the order of the docs.
    pub const ALL: [Category; 7] = [
        Category::Permissive,
        Category::PublicDomain,
        Category::WeakCopyleft,
        Category::StrongCopyleft,
        Category::NetworkCopyleft,
        Category::SourceAvailable,
        Category::Uncategorized,
    ];

    /// The kebab-case name used in config and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Permissive => "permissive",
            Category::PublicDomain => "public-domain",
            Category::WeakCopyleft => "weak-copyleft",
            Category::StrongCopyleft => "strong-copyleft",
            Category::NetworkCopyleft => "network-copyleft",
            Category::SourceAvailable => "source-available",
            Category::Uncategorized => "uncategorized",
        }
    }

    /// Parses a category name (`non-commercial` is accepted for `source-available`).
    pub fn parse(name: &str) -> Option<Category> {
        if name == "non-commercial" {
            return Some(Category::SourceAvailable);
        }
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// Copyleft of any strength.
    pub fn is_copyleft(self) -> bool {
        matches!(
            self,
            Category::WeakCopyleft | Category::StrongCopyleft | Category::NetworkCopyleft
        )
    }
}

#[derive(Deserialize)]
struct Entry {
    ids: Vec<String>,
}

fn table() -> &'static HashMap<String, Category> {
    static TABLE: OnceLock<HashMap<String, Category>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let raw: HashMap<String, Entry> = toml::from_str(include_str!("../data/categories.toml"))
            .expect("data/categories.toml is valid (checked by a test)");
        let mut map = HashMap::new();
        for (name, entry) in raw {
            let cat = Category::parse(&name).expect("known category name");
            for id in entry.ids {
                map.insert(id, cat);
            }
        }
        map
    })
}

/// The category of a licence id (`GPL-2.0+` is read as `GPL-2.0-or-later`).
pub fn of(id: &str) -> Category {
    let id = match id.strip_suffix('+') {
        Some(base) => table()
            .get(&format!("{base}-or-later"))
            .or_else(|| table().get(base)),
        None => table().get(id),
    };
    id.copied().unwrap_or(Category::Uncategorized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_valid_and_each_id_in_one_category() {
        let raw: HashMap<String, Entry> =
            toml::from_str(include_str!("../data/categories.toml")).unwrap();
        let mut seen = HashMap::new();
        for (name, e) in &raw {
            assert!(Category::parse(name).is_some(), "{name}");
            for id in &e.ids {
                if let Some(prev) = seen.insert(id.clone(), name.clone()) {
                    panic!("{id} is in {prev} and {name}");
                }
                assert!(
                    id.starts_with("LicenseRef-") || spdx::license_id(id).is_some(),
                    "{id} is not an SPDX id"
                );
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(of("MIT"), Category::Permissive);
        assert_eq!(of("GPL-3.0-only"), Category::StrongCopyleft);
        assert_eq!(of("AGPL-3.0-or-later"), Category::NetworkCopyleft);
        assert_eq!(of("MPL-2.0"), Category::WeakCopyleft);
        assert_eq!(of("CC0-1.0"), Category::PublicDomain);
        assert_eq!(of("BUSL-1.1"), Category::SourceAvailable);
        assert_eq!(of("LicenseRef-Whatever"), Category::Uncategorized);
        assert!(of("LGPL-2.1-only").is_copyleft());
    }
}
