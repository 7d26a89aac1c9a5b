//! Preview rebuild time for a body edit on a page with 10 photos (issue 9):
//! the photos (1600 x 1200 JPEGs) are processed once; each edit re-reads the
//! page and serves the photos from the cache without encoding them again.
//!
//!     cargo bench --bench images            # 20 edits
//!     cargo bench --bench images -- 50      # 50 edits
//!
//! Needs ImageMagick's convert for the photos. Works in /dev/shm when it exists.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use wijkverhaal::serve::state::{Preview, PreviewOptions};
use wijkverhaal::serve::watch::Batch;

fn main() {
    let edits: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let root = base.join(format!("wijkverhaal-images-bench-{}", std::process::id()));
    write_site(&root);
    let started = Instant::now();
    let (mut preview, _) = Preview::new(PreviewOptions {
        root: root.clone(),
        base_url: None,
        today: Some(jiff::civil::date(2027, 1, 15)),
    });
    let first = started.elapsed();
    assert!(
        preview.snapshot().errors.is_empty(),
        "{:?}",
        preview.snapshot().errors
    );
    let page = root.join("content/lindenhof/plein.md");
    let mut times = Vec::new();
    for edit in 0..edits {
        let text = std::fs::read_to_string(&page).expect("page");
        std::fs::write(&page, text.replace("Tekst", &format!("Tekst {edit}"))).expect("edit");
        let mut batch = Batch::default();
        batch.add(&root, &root.join("public"), &page);
        let t = Instant::now();
        preview.update(&batch);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "preview, page with 10 photos of 1600x1200: first build (encoding) {:.0} ms; body edit: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms over {edits} edits",
        first.as_secs_f64() * 1000.0,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    let _ = std::fs::remove_dir_all(&root);
}

fn write_site(root: &Path) {
    let wijk = root.join("content/lindenhof");
    std::fs::create_dir_all(&wijk).expect("folders");
    std::fs::write(
        root.join("site.toml"),
        "title = \"Proef\"\nbase_url = \"https://proef.nl\"\n",
    )
    .expect("site.toml");
    std::fs::write(
        wijk.join("_index.md"),
        "+++\nname = \"Lindenhof\"\nsummary = \"Proef.\"\nstreets = [\"Dorpsstraat\"]\n\n[contact]\nname = \"Sam\"\nemail = \"sam@proef.nl\"\n+++\nVerhaal.\n",
    )
    .expect("index");
    let mut body = String::from(
        "+++\ntitle = \"Plein\"\ndepartment = \"Groen\"\nkind = \"news\"\ndate = 2027-01-02\n+++\nTekst.\n",
    );
    for n in 0..10 {
        let photo = wijk.join(format!("foto-{n}.jpg"));
        let status = Command::new("/usr/bin/convert")
            .args([
                "-size",
                "1600x1200",
                "-seed",
                &n.to_string(),
                "plasma:",
                "-quality",
                "85",
            ])
            .arg(&photo)
            .status()
            .expect("ImageMagick's convert (apt-get install -y imagemagick)");
        assert!(status.success());
        body.push_str(&format!("\n![Foto {n} van het plein](foto-{n}.jpg)\n"));
    }
    std::fs::write(wijk.join("plein.md"), body).expect("page");
}
