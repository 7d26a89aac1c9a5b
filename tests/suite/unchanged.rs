//! A site that uses none of the fields of time-and-status (`publish`,
//! `status`, `[[updates]]`, `event_minutes`) builds byte-identically: the
//! example site, built on a fixed day, against a manifest of every output
//! file (path, length, FNV-1a hash). The contract adds `state` to every
//! `works` and `project` entry of `wijk.json`, so that key is taken out of
//! `wijk.json` before hashing; and the stylesheet's content hash in its name
//! (`wijkverhaal.<hash>.css`) is written `wijkverhaal.HASH.css` everywhere,
//! so a change of the stylesheet shows as that one file, not as every page
//! that links it. Every other byte counts. After a deliberate change of the
//! output, update the snapshot and say why in the commit.

use std::path::Path;

use crate::util::{TestSite, copy_dir};

/// The day the example is built for: during its works, before its events.
const DAY: &str = "2027-03-01";

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `wijk.json` without the `state` the contract adds to timeline entries.
fn without_state(bytes: &[u8]) -> Vec<u8> {
    let mut data: serde_json::Value = serde_json::from_slice(bytes).expect("wijk.json");
    if let Some(timeline) = data["timeline"].as_array_mut() {
        for entry in timeline {
            if let Some(entry) = entry.as_object_mut() {
                entry.remove("state");
            }
        }
    }
    serde_json::to_vec_pretty(&data).expect("json")
}

/// The text with `wijkverhaal.<hex>.css` written `wijkverhaal.HASH.css`.
fn without_asset_hash(bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("wijkverhaal.") {
        let after = &rest[at + "wijkverhaal.".len()..];
        let hex = after.chars().take_while(char::is_ascii_hexdigit).count();
        out.push_str(&rest[..at]);
        if hex >= 6 && after[hex..].starts_with(".css") {
            out.push_str("wijkverhaal.HASH");
            rest = &after[hex..];
        } else {
            out.push_str("wijkverhaal.");
            rest = after;
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

#[test]
fn the_example_without_new_fields_builds_byte_identically() {
    let site = TestSite::empty();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&example.join("content"), &site.root().join("content"));
    std::fs::copy(example.join("site.toml"), site.root().join("site.toml")).expect("site.toml");
    site.cmd("build").args(["--today", DAY]).assert().success();
    let manifest: String = site
        .output_files()
        .into_iter()
        // The output folder's own bookkeeping (the list of written files)
        // is not part of the site.
        .filter(|(path, _)| path != ".wijkverhaal")
        .map(|(path, bytes)| {
            let bytes = if path.ends_with("wijk.json") {
                without_state(&bytes)
            } else {
                without_asset_hash(&bytes)
            };
            let path = String::from_utf8(without_asset_hash(path.as_bytes())).expect("utf-8");
            format!("{path} {} {:016x}\n", bytes.len(), fnv1a(&bytes))
        })
        .collect();
    insta::assert_snapshot!(manifest);
}
