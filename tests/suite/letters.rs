//! One letter per street: the HTML letter page, the PDF letters of
//! `wijkverhaal letters` read back with poppler-utils (pdfinfo, pdffonts,
//! pdftotext), and the promise that both tell the same story.

use std::path::Path;
use std::process::Command as Process;

use crate::read::{main_text, unescape};
use crate::util::{TODAY, TestSite};

/// Whether poppler-utils are there. On CI (`CI` set) they must be: `.ci/run`
/// installs them; elsewhere the PDF tests say they did not run.
fn poppler() -> bool {
    installed(
        "pdftotext",
        "-v",
        "poppler-utils",
        "CI",
        "the PDF letter tests",
    )
}

/// Whether zbarimg (zbar-tools) is there to read QR codes; with
/// `REQUIRE_CI_TOOLS` set (`.ci/run` installs it) it must be.
fn zbar() -> bool {
    installed(
        "zbarimg",
        "--version",
        "zbar-tools",
        "REQUIRE_CI_TOOLS",
        "the QR code test",
    )
}

/// Whether `program` (from the Debian `package`) runs; when the variable
/// `required_by` is set it must, else the `tests` say they did not run.
fn installed(program: &str, arg: &str, package: &str, required_by: &str, tests: &str) -> bool {
    let found = Process::new(program).arg(arg).output().is_ok();
    if !found {
        assert!(
            std::env::var_os(required_by).is_none(),
            "{program} is missing: apt-get install {package}"
        );
        eprintln!("{package} missing: {tests} did not run");
    }
    found
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let output = Process::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(output.status.success(), "{name} failed on {pdf:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Runs `letters` on the site with a fixed day; returns what it printed.
fn letters(site: &TestSite, args: &[&str]) -> String {
    let output = site
        .cmd("letters")
        .args(["--today", TODAY, "--output"])
        .arg(site.root().join("brieven"))
        .args(args)
        .output()
        .expect("run the binary");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "letters failed:\n{stderr}");
    stderr
}

/// The value of a `Name: value` line of pdfinfo's output.
fn field<'i>(info: &'i str, name: &str) -> &'i str {
    info.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .map_or("", str::trim)
}

fn pdf_pages(pdf: &Path) -> usize {
    field(&tool("pdfinfo", &[], pdf), "Pages")
        .parse()
        .expect("a page count")
}

/// Text in one line, tags and line breaks as single spaces, no space before
/// punctuation: what a reader reads, comparable between HTML and PDF.
fn normalise(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    [",", ".", ":", ";", ")"]
        .iter()
        .fold(collapsed, |t, p| t.replace(&format!(" {p}"), p))
}

/// The text of the `<article class="letter">` of a letter page.
fn letter_text(html: &str) -> String {
    let start = html.find("<article class=\"letter\"").expect("a letter");
    let end = html[start..].find("</article>").expect("its end") + start;
    let mut text = String::new();
    let mut in_tag = false;
    let mut in_svg = 0usize;
    let article = &html[start..end];
    let mut at = 0;
    for (i, c) in article.char_indices() {
        if i < at {
            continue;
        }
        match c {
            '<' => {
                let rest = &article[i..];
                if rest.starts_with("<svg") {
                    in_svg += 1;
                } else if rest.starts_with("</svg>") {
                    in_svg -= 1;
                }
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => {
                in_tag = false;
                at = i + 1;
            }
            _ if !in_tag && in_svg == 0 => text.push(c),
            _ => {}
        }
    }
    normalise(&unescape(&text))
}

/// The text of an SVG's `<text>` elements, one string per element, without
/// spaces.
fn svg_text(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once("</text>"))
        .map(|(text, _)| {
            let mut plain = String::new();
            let mut in_tag = true;
            for c in text.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag && !c.is_whitespace() => plain.push(c),
                    _ => {}
                }
            }
            unescape(&plain)
        })
        .collect()
}

/// Whether a line of the PDF is (part of) a label of the map.
fn is_label(labels: &[String], line: &str) -> bool {
    let squeezed: String = line.split_whitespace().collect();
    !squeezed.is_empty() && labels.iter().any(|l| l.contains(&squeezed))
}

/// A line of the PDF's page footer (`Gemeente X, wijk Y: brief voor Z`,
/// `pagina 1 van 2`), which the HTML page does not have.
fn is_footer(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    line.contains(": brief voor ")
        || matches!(words[..], ["pagina", n, "van", m] if n.parse::<u8>().is_ok() && m.parse::<u8>().is_ok())
}

#[test]
fn a_street_with_work_has_a_letter_page_linked_from_its_page_and_not_in_the_menu() {
    let site = TestSite::fixture("complete");
    site.build();
    let street = site.read("tuinwijk-oost/straten/bloemstraat/index.html");
    assert!(street.contains("href=\"/tuinwijk-oost/straten/bloemstraat/brief/\""));
    let page = site.read("tuinwijk-oost/straten/bloemstraat/brief/index.html");
    assert!(page.contains("Print deze brief"));
    assert!(page.contains("<article class=\"letter\" lang=\"nl\""));
    assert!(page.contains("<link rel=\"stylesheet\" href=\"/assets/brief."));
    let nav = &page[page.find("class=\"wijk-nav\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(!nav.contains("brief"), "the letter is not in the menu");
    assert!(
        site.read("tuinwijk-oost/sitemap.xml")
            .contains("/tuinwijk-oost/straten/bloemstraat/brief/")
    );
    insta::assert_snapshot!(
        "tuinwijk-oost__straten__bloemstraat__brief",
        main_text(&page)
    );
}

#[test]
fn a_street_with_nothing_current_or_upcoming_gets_no_letter() {
    let site = TestSite::fixture("busy");
    site.build();
    let street = site.read("drukke-buurt/straten/stille-steeg/index.html");
    assert!(!street.contains("/brief/"));
    assert!(
        !site
            .public()
            .join("drukke-buurt/straten/stille-steeg/brief")
            .exists()
    );
}

#[test]
fn the_pdf_letters_are_a4_tagged_with_embedded_fonts_and_at_most_two_pages() {
    if !poppler() {
        return;
    }
    let site = TestSite::fixture("busy");
    let printed = letters(&site, &[]);
    assert!(printed.contains("Brieven gemaakt: 1 brief"), "{printed}");
    assert!(
        printed.contains("Geen brief voor 1 straat")
            && printed.contains("drukke-buurt/stille-steeg"),
        "{printed}"
    );
    let pdf = site.root().join("brieven/drukke-buurt/marktstraat.pdf");
    let info = tool("pdfinfo", &[], &pdf);
    assert_eq!(field(&info, "Tagged"), "yes", "{info}");
    assert_eq!(
        field(&info, "Page size"),
        "595.276 x 841.89 pts (A4)",
        "{info}"
    );
    assert_eq!(
        field(&info, "Title"),
        "Wat er gebeurt in de Marktstraat - Gemeente Proefdorp",
        "{info}"
    );
    assert!(pdf_pages(&pdf) <= 2, "{info}");
    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // name type encoding emb sub uni object ID
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert!(row.contains("OpenSans"), "{fonts}");
        assert_eq!(columns[columns.len() - 5], "yes", "embedded: {fonts}");
        assert_eq!(columns[columns.len() - 4], "yes", "subset: {fonts}");
    }
    let metadata = tool("pdfinfo", &["-meta"], &pdf);
    assert!(
        metadata.contains("pdfuaid:part>1<") || metadata.contains("pdfuaid:part=\"1\""),
        "{metadata}"
    );
    assert!(metadata.contains("nl"), "{metadata}");
}

#[test]
fn a_busy_street_is_shortened_the_same_way_on_paper_and_on_the_web() {
    let site = TestSite::fixture("busy");
    site.build();
    let page = letter_text(&site.read("drukke-buurt/straten/marktstraat/brief/index.html"));
    // Three projects of five parts, fourteen jobs, ten meetings and five
    // regulations do not fit: summaries go, meetings to three, parts to
    // three per project, and the seven latest jobs to the website (the page
    // flow of src/letter/fit.rs keeps two lines free at the end); the opening
    // still counts everything, and the contact stays.
    assert!(
        page.contains(
            "Er gebeuren de komende tijd 17 dingen in de Marktstraat. De Marktstraat gaat 17 keer \
             open, tussen 10 februari 2027 en 20 december 2028. Hieronder leest u wanneer en waarvoor."
        ),
        "{page}"
    );
    assert!(
        page.contains("Nog zeven bijeenkomsten staan op de website."),
        "{page}"
    );
    assert!(
        page.contains("En nog twee onderdelen: zie de website."),
        "{page}"
    );
    assert!(
        page.contains("Nog zeven onderwerpen staan op de website."),
        "{page}"
    );
    for n in 1..=7 {
        assert!(
            page.contains(&format!("Los werk {n} in de Marktstraat")),
            "{page}"
        );
    }
    assert!(!page.contains("Los werk 8 in de Marktstraat"), "{page}");
    assert!(!page.contains("Los werk 14 in de Marktstraat"), "{page}");
    assert!(
        !page.contains("Wij werken in de Marktstraat van huis tot huis."),
        "{page}"
    );
    assert!(page.contains("Noor Bakker, Wijkregisseur"), "{page}");
    let check = site.cmd("check").output().expect("run check");
    let findings = String::from_utf8_lossy(&check.stdout);
    assert!(
        findings.contains("warning[long-letter]: de brief voor Marktstraat past niet op 2 pagina's en wordt ingekort: samenvattingen ingekort tot de eerste zin"),
        "{findings}"
    );
    if !poppler() {
        return;
    }
    letters(&site, &[]);
    let pdf = site.root().join("brieven/drukke-buurt/marktstraat.pdf");
    assert!(pdf_pages(&pdf) <= 2);
    let text = normalise(&tool("pdftotext", &[], &pdf));
    assert!(
        text.contains("Nog zeven bijeenkomsten staan op de website."),
        "{text}"
    );
}

#[test]
fn the_long_letter_check_counts_the_map_the_way_the_page_does() {
    // With a map of the wijk the letter has 15 lines less room, so more
    // jobs move to the website; check must shorten it as the page does.
    let site = TestSite::fixture("busy").file(
        "content/drukke-buurt/kaart.geojson",
        r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"wijk": true}, "geometry": {"type": "Polygon", "coordinates": [[[4.73, 52.00], [4.74, 52.00], [4.74, 52.01], [4.73, 52.01], [4.73, 52.00]]]}},
{"type": "Feature", "properties": {"street": "Marktstraat"}, "geometry": {"type": "LineString", "coordinates": [[4.731, 52.005], [4.739, 52.005]]}}
]}"#,
    );
    site.build();
    let page = letter_text(&site.read("drukke-buurt/straten/marktstraat/brief/index.html"));
    // Without the map seven of the seventeen moved (see above).
    assert!(
        page.contains("Nog elf onderwerpen staan op de website."),
        "{page}"
    );
    let check = site.cmd("check").output().expect("run check");
    let findings = String::from_utf8_lossy(&check.stdout);
    assert!(
        findings.contains("11 van de 17 onderwerpen staan alleen op de website"),
        "{findings}"
    );
}

#[test]
fn streets_whose_letters_are_cut_the_same_way_share_one_long_letter_warning() {
    // Twenty-five meetings of the wijk do not fit in any letter; both streets
    // have one short job, so their letters are cut alike.
    let site = crate::long_letters::cut_alike();
    let check = site.cmd("check").output().expect("run check");
    let findings = String::from_utf8_lossy(&check.stdout);
    let long: Vec<&str> = findings
        .lines()
        .filter(|line| line.contains("warning[long-letter]"))
        .collect();
    assert_eq!(long.len(), 1, "{findings}");
    assert!(
        long[0].contains("de brieven voor 2 straten (Bloemstraat en Lindelaan) passen niet op 2 pagina's en worden op dezelfde manier ingekort: "),
        "{findings}"
    );
    assert!(
        long[0].contains("alleen de eerste drie bijeenkomsten"),
        "{findings}"
    );
    // Each letter is still cut on its own page.
    site.build();
    for street in ["bloemstraat", "lindelaan"] {
        let page =
            letter_text(&site.read(&format!("tuinwijk-oost/straten/{street}/brief/index.html")));
        assert!(
            page.contains("Nog 22 bijeenkomsten staan op de website."),
            "{page}"
        );
    }
}

#[test]
fn the_qr_code_on_every_pdf_letter_reads_as_its_streets_address() {
    if !poppler() || !zbar() {
        return;
    }
    let site = TestSite::fixture("complete");
    letters(&site, &[]);
    let files = crate::util::files_under(&site.root().join("brieven"));
    let pdfs: Vec<&String> = files.keys().filter(|n| n.ends_with(".pdf")).collect();
    assert!(pdfs.len() >= 3, "{pdfs:?}");
    for pdf in pdfs {
        let images = site.root().join("pagina");
        let made = Process::new("pdftoppm")
            .args(["-r", "150", "-png"])
            .arg(site.root().join("brieven").join(pdf))
            .arg(&images)
            .status()
            .expect("pdftoppm");
        assert!(made.success());
        let mut read = String::new();
        for page in std::fs::read_dir(site.root()).expect("list") {
            let page = page.expect("entry").path();
            let name = page.file_name().unwrap_or_default().to_string_lossy();
            if name.starts_with("pagina") && name.ends_with(".png") {
                let output = Process::new("zbarimg")
                    .args(["-q", "--raw"])
                    .arg(&page)
                    .output()
                    .expect("zbarimg");
                read.push_str(&String::from_utf8_lossy(&output.stdout));
                std::fs::remove_file(&page).expect("remove page image");
            }
        }
        // brieven/<wijk>/<street>.pdf
        let (wijk, street) = pdf
            .trim_end_matches(".pdf")
            .split_once('/')
            .expect("wijk/street");
        let address = format!("/{wijk}/straten/{street}/");
        assert_eq!(read.lines().count(), 1, "one code in {pdf}: {read:?}");
        assert!(
            read.trim().starts_with("https://") && read.trim().ends_with(&address),
            "{pdf}: the code reads {read:?}, not {address}"
        );
    }
}

#[test]
fn html_and_pdf_letters_tell_the_same_story() {
    if !poppler() {
        return;
    }
    let site = TestSite::fixture("complete");
    site.build();
    letters(&site, &[]);
    let files = crate::util::files_under(&site.root().join("brieven"));
    let pdfs: Vec<&String> = files.keys().filter(|n| n.ends_with(".pdf")).collect();
    assert!(pdfs.len() >= 3, "{pdfs:?}");
    for name in pdfs {
        let (wijk, street) = name.trim_end_matches(".pdf").split_once('/').unwrap();
        let page = format!("{wijk}/straten/{street}/brief/");
        let html = letter_text(&site.read(&format!("{page}index.html")));
        // The map is a picture in both; its street names are text in the PDF.
        let map = std::fs::read_to_string(site.public().join(format!("{page}kaart.svg")));
        let labels = map.map(|svg| svg_text(&svg)).unwrap_or_default();
        let pdf = site.root().join("brieven").join(name);
        let raw = tool("pdftotext", &[], &pdf);
        let lines: Vec<String> = raw
            .lines()
            .filter(|l| !is_footer(l) && !l.trim().is_empty() && !is_label(&labels, l))
            // The PDF draws list bullets; the page's list has them from CSS.
            .map(|l| normalise(l.trim_start().trim_start_matches('•')))
            .collect();
        // Every line of the PDF is in the HTML letter, in the same order...
        let mut from = 0;
        for line in &lines {
            let at = html[from..].find(line.as_str()).unwrap_or_else(|| {
                panic!("{name}: `{line}` is not (in this order) in the HTML letter:\n{html}")
            });
            from += at;
        }
        // ...and every word of the HTML letter is in the PDF.
        let pdf_text = normalise(&lines.join(" "));
        let html_words: String = html.split_whitespace().collect();
        let pdf_words: String = pdf_text.split_whitespace().collect();
        assert_eq!(html_words, pdf_words, "{name}: HTML and PDF differ");
    }
}

#[test]
fn the_pdf_reads_in_order_letterhead_opening_work_meetings_contact() {
    if !poppler() {
        return;
    }
    let site = TestSite::fixture("complete");
    letters(&site, &["--street", "bloemstraat"]);
    let pdf = site.root().join("brieven/tuinwijk-oost/bloemstraat.pdf");
    // Without spaces: pdftotext breaks a long address over two lines.
    let text: String = tool("pdftotext", &[], &pdf).split_whitespace().collect();
    let order = [
        "Gemeente Proefdorp",
        "Datum: 15 januari 2027",
        "Aan de bewoners en gebruikers van de Bloemstraat",
        "Wat er gebeurt in de Bloemstraat",
        "Er gebeurt de komende tijd",
        "Wat er gebeurt in uw straat",
        "Bijeenkomsten: praat mee",
        "Vragen? Neem contact op",
        "Fatima el Amrani",
        "https://wijken.proefdorp.nl/tuinwijk-oost/straten/bloemstraat/",
    ];
    let mut from = 0;
    for part in order {
        let part: String = part.split_whitespace().collect();
        let at = text[from..]
            .find(&part)
            .unwrap_or_else(|| panic!("`{part}` after {from} in:\n{text}"));
        from += at + part.len();
    }
}

/// Runs `letters` into `<root>/<output>`, expects exit status 1, and
/// returns what it printed.
fn letters_fail(site: &TestSite, output: &str, args: &[&str]) -> String {
    let run = site
        .cmd("letters")
        .arg("--output")
        .arg(site.root().join(output))
        .args(args)
        .output()
        .expect("run the binary");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(!site.root().join(output).exists(), "nothing is written");
    stderr
}

#[test]
fn unknown_wijk_or_street_gets_a_did_you_mean_and_writes_nothing() {
    let site = TestSite::fixture("complete");
    let stderr = letters_fail(&site, "brieven", &["--street", "bloemstrat"]);
    assert!(
        stderr.contains("error[unknown-street]: --street bloemstrat"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bedoelt u --street bloemstraat?"),
        "{stderr}"
    );
    let stderr = letters_fail(&site, "brieven", &["--wijk", "tuinwijk-ost"]);
    assert!(
        stderr.contains("bedoelt u --wijk tuinwijk-oost?"),
        "{stderr}"
    );
}

#[test]
fn the_letters_folder_may_not_be_the_site_or_inside_its_content() {
    let site = TestSite::fixture("complete");
    let stderr = letters_fail(&site, "content/brieven", &[]);
    assert!(stderr.contains("error[bad-output]"), "{stderr}");
}

#[test]
fn a_site_with_errors_writes_no_letters() {
    let site = TestSite::fixture("complete").file(
        "content/tuinwijk-oost/kapot.md",
        "+++\ntitle = \"Kapot\"\nkind = \"works\"\n+++\n",
    );
    let stderr = letters_fail(&site, "brieven", &[]);
    assert!(
        stderr.contains("content/tuinwijk-oost/kapot.md"),
        "{stderr}"
    );
}
