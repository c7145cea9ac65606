//! SBOM writers (CycloneDX 1.6, SPDX 2.3) and readers: turn an [`Inventory`](crate::Inventory)
//! into a bill of materials and read one back into packages.
