//! The XML schemas every package carries in its `schemas/` folder, so an
//! archive (and `xmllint --nonet`) can validate the package without the
//! network. Where each file comes from, and its licence:
//! `src/export/schemas/LICENSES.md`.

/// File name in `schemas/` and bytes.
pub const SCHEMAS: &[(&str, &[u8])] = &[
    ("DILCISExtensionMETS.xsd", include_bytes!("schemas/DILCISExtensionMETS.xsd")),
    ("DILCISExtensionSIPMETS.xsd", include_bytes!("schemas/DILCISExtensionSIPMETS.xsd")),
    ("dc.xsd", include_bytes!("schemas/dc.xsd")),
    ("mets.xsd", include_bytes!("schemas/mets.xsd")),
    ("premis.xsd", include_bytes!("schemas/premis.xsd")),
    ("xlink.xsd", include_bytes!("schemas/xlink.xsd")),
    ("xml.xsd", include_bytes!("schemas/xml.xsd")),
];

/// `xsi:schemaLocation` of a METS file `depth` folders below the package root.
pub fn mets_locations(depth: usize) -> String {
    let up = "../".repeat(depth);
    [
        ("http://www.loc.gov/METS/", "mets.xsd"),
        ("http://www.w3.org/1999/xlink", "xlink.xsd"),
        ("https://DILCIS.eu/XML/METS/CSIPExtensionMETS", "DILCISExtensionMETS.xsd"),
        ("https://DILCIS.eu/XML/METS/SIPExtensionMETS", "DILCISExtensionSIPMETS.xsd"),
    ]
    .iter()
    .map(|(ns, file)| format!("{ns} {up}schemas/{file}"))
    .collect::<Vec<_>>()
    .join(" ")
}
