//! An SBOM whose package list cannot be read, or is cut off at the cap, is an error (the
//! analyzer is then incomplete), never a silent partial read.

use trustward_inventory::sbom;

#[test]
fn cyclonedx_components_as_an_object_is_an_error() {
    let text = r#"{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "components": {
    "type": "library", "name": "lodash", "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20"
  }
}"#;
    let inv = sbom::read("bom.json", text).unwrap();
    assert!(inv.packages.is_empty());
    assert_eq!(inv.errors.len(), 1, "{:?}", inv.errors);
    assert_eq!(inv.errors[0].path, "bom.json:4");
    assert!(inv.errors[0].message.contains("is an object, not an array"));
}

#[test]
fn nested_components_as_an_object_is_an_error() {
    let text = r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
  {"type": "library", "name": "a", "version": "1", "purl": "pkg:npm/a@1",
   "components": {"name": "b", "purl": "pkg:npm/b@1"}}
]}"#;
    let inv = sbom::read("bom.json", text).unwrap();
    assert_eq!(inv.packages.len(), 1);
    assert_eq!(inv.errors.len(), 1, "{:?}", inv.errors);
}

#[test]
fn spdx_packages_not_an_array_is_an_error() {
    let text = r#"{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT",
 "packages": {"name": "a"}}"#;
    let inv = sbom::read("x.spdx.json", text).unwrap();
    assert_eq!(inv.errors.len(), 1, "{:?}", inv.errors);
    assert!(inv.errors[0].message.contains("not an array"));
}

#[test]
fn spdx_cut_off_at_the_package_cap_is_an_error() {
    use std::fmt::Write;
    let n = trustward_inventory::parsers::support::MAX_PACKAGES + 1;
    let mut text =
        String::from(r#"{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": ["#);
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        write!(
            text,
            r#"{{"SPDXID":"SPDXRef-{i}","name":"p{i}","externalRefs":[{{"referenceType":"purl","referenceLocator":"pkg:npm/p{i}@1"}}]}}"#
        )
        .unwrap();
    }
    text.push_str("]}");
    let inv = sbom::read("x.spdx.json", &text).unwrap();
    assert!(
        inv.errors
            .iter()
            .any(|e| e.message.contains("the rest was not read")),
        "{:?}",
        &inv.errors[..inv.errors.len().min(3)]
    );
}
