//! The CI workflows `init` writes (spec: publishing.md): the GitHub workflow
//! passes the workflow schema (action-validator), both parse as YAML with
//! the expected jobs, triggers and commands, and the shell steps of the
//! GitHub workflow do what they say when run here: only the 05:00 Amsterdam
//! run of the nightly pair goes on, a large site is planned in parts, and
//! the merged parts equal a full build.
//!
//! The validator and `jq` (which GitHub's runners have) are looked up on
//! PATH and in `tests/browser/node_modules/.bin`; without them those parts
//! are skipped with a notice, unless `REQUIRE_CI_TOOLS=1` (set by `.ci/run`,
//! which installs them) makes a missing tool a failure.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use serde_yaml::Value;

use crate::util::{TestSite, files_under};

fn init(site: &Path, args: &[&str]) {
    Command::cargo_bin("wijkverhaal")
        .expect("binary")
        .arg("init")
        .arg(site)
        .args(args)
        .assert()
        .success();
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A tool from PATH or the browser gate's npm packages.
fn tool(name: &str) -> Option<PathBuf> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/.bin")
        .join(name);
    if local.is_file() {
        return Some(local);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// The tool, or `None` after a notice; a failure when CI requires it.
fn required(name: &str) -> Option<PathBuf> {
    let found = tool(name);
    if found.is_none() {
        assert!(
            std::env::var("REQUIRE_CI_TOOLS").is_err(),
            "{name} is required (REQUIRE_CI_TOOLS is set) but not found"
        );
        eprintln!(
            "note: {name} not found; that part of the test is skipped (tests/browser/run.sh --install-only installs it)"
        );
    }
    found
}

/// The `run` script of the step with `id` (or `name`) in `job`.
fn step_script<'v>(workflow: &'v Value, job: &str, step: &str) -> &'v str {
    workflow["jobs"][job]["steps"]
        .as_sequence()
        .expect("steps")
        .iter()
        .find(|s| s["id"].as_str() == Some(step) || s["name"].as_str() == Some(step))
        .and_then(|s| s["run"].as_str())
        .unwrap_or_else(|| panic!("no step {step} with a script in job {job}"))
}

/// Runs a step's script with bash in `dir`; returns what it wrote to $GITHUB_OUTPUT.
fn run_step(script: &str, dir: &Path, env: &[(&str, &str)]) -> String {
    let output_file = dir.join(".github-output");
    std::fs::write(&output_file, "").unwrap();
    let status = Process::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("GITHUB_OUTPUT", &output_file)
        .envs(env.iter().copied())
        .status()
        .expect("bash");
    assert!(status.success(), "the step failed:\n{script}");
    std::fs::read_to_string(output_file).unwrap()
}

fn all_text(value: &Value) -> String {
    serde_yaml::to_string(value).unwrap()
}

#[test]
fn init_writes_a_github_workflow_that_checks_builds_and_publishes_nightly() {
    let dir = TestSite::empty();
    let site = dir.root().join("nieuw");
    init(&site, &[]);
    let path = site.join(".github/workflows/publish.yml");
    let workflow = yaml(&path);

    let on = &workflow["on"];
    assert_eq!(on["push"]["branches"][0], "main");
    let crons: Vec<&str> = on["schedule"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["cron"].as_str())
        .collect();
    assert_eq!(
        crons,
        ["0 3 * * *", "0 4 * * *"],
        "05:00 Amsterdam in UTC, summer and winter"
    );
    assert!(on["workflow_dispatch"].is_null() && on.get("workflow_dispatch").is_some());
    assert_eq!(workflow["permissions"]["pages"], "write");
    assert_eq!(
        workflow["env"]["WIJKVERHAAL_VERSION"],
        env!("CARGO_PKG_VERSION")
    );

    let jobs: Vec<&str> = workflow["jobs"]
        .as_mapping()
        .unwrap()
        .keys()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        jobs,
        [
            "plan",
            "build",
            "build-part",
            "build-root",
            "merge",
            "deploy"
        ]
    );
    let plan = all_text(&workflow["jobs"]["plan"]);
    for words in [
        "wijkverhaal check",
        "cargo install wijkverhaal",
        "actions/cache@v4",
        "~/.cargo/bin/wijkverhaal",
    ] {
        assert!(plan.contains(words), "plan lacks {words}:\n{plan}");
    }
    let build = all_text(&workflow["jobs"]["build"]);
    assert!(build.contains("wijkverhaal build --output site"));
    let part = all_text(&workflow["jobs"]["build-part"]);
    for job in [&build, &part] {
        assert!(
            job.contains(".wijkverhaal-cache") && job.contains("restore-keys"),
            "processed images are kept between runs:\n{job}"
        );
    }
    assert!(
        part.contains("fromJSON(needs.plan.outputs.parts)") && part.contains("--wijk"),
        "{part}"
    );
    assert!(all_text(&workflow["jobs"]["build-root"]).contains("--overview-only"));
    assert_eq!(workflow["jobs"]["merge"]["needs"][0], "build-part");
    assert_eq!(workflow["jobs"]["merge"]["needs"][1], "build-root");
    assert!(all_text(&workflow["jobs"]["deploy"]).contains("actions/deploy-pages@v4"));

    if let Some(validator) = required("action-validator") {
        let output = Process::new(validator)
            .arg(&path)
            .output()
            .expect("action-validator");
        assert!(
            output.status.success(),
            "action-validator refuses the workflow:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn only_the_nightly_run_at_0500_in_amsterdam_goes_on() {
    let dir = TestSite::empty();
    init(&dir.root().join("s"), &[]);
    let workflow = yaml(&dir.root().join("s/.github/workflows/publish.yml"));
    let script = step_script(&workflow, "plan", "when");
    let offset = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap())
        .offset()
        .seconds();
    let summer = offset == 7200;
    let go = |event: &str, schedule: &str| {
        run_step(
            script,
            dir.root(),
            &[("EVENT", event), ("SCHEDULE", schedule)],
        )
    };
    assert_eq!(go("push", ""), "go=true\n");
    assert_eq!(go("workflow_dispatch", ""), "go=true\n");
    assert_eq!(go("schedule", "0 3 * * *"), format!("go={summer}\n"));
    assert_eq!(go("schedule", "0 4 * * *"), format!("go={}\n", !summer));
}

#[test]
fn a_large_site_is_planned_in_parts_whose_merge_equals_a_full_build() {
    if required("jq").is_none() {
        return;
    }
    let site = TestSite::fixture("complete");
    // Renamed pages in both parts: their redirects are joined in /_redirects.
    for (wijk, name) in [("tuinwijk-oost", "kermis"), ("stille-hoek", "buurtfeest")] {
        site.write(
            &format!("content/{wijk}/{name}.md"),
            crate::util::contribution(
                &format!("title = \"Nieuws\"\ndepartment = \"Sociaal\"\nkind = \"news\"\ndate = 2027-01-10\naliases = [\"/{wijk}/oud-{name}/\"]"),
                "Tekst.",
            )
            .as_bytes(),
        );
    }
    init(&site.root().join("ci"), &[]);
    let workflow = yaml(&site.root().join("ci/.github/workflows/publish.yml"));
    let root = site.root();

    // Three wijken, split above two, in two parts.
    let outputs = run_step(
        step_script(&workflow, "plan", "plan"),
        root,
        &[("SPLIT_ABOVE", "2"), ("PARTS", "2")],
    );
    assert_eq!(
        outputs,
        "split=true\nparts=[[\"regelhof\",\"tuinwijk-oost\"],[\"stille-hoek\"]]\n"
    );
    let small = run_step(
        step_script(&workflow, "plan", "plan"),
        root,
        &[("SPLIT_ABOVE", "300"), ("PARTS", "8")],
    );
    assert_eq!(small, "split=false\nparts=[]\n");

    // Each part as its job builds it, with the binary under test on PATH.
    let binary = assert_cmd::cargo::cargo_bin("wijkverhaal");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let build_part = step_script(&workflow, "build-part", "Build these wijken");
    for (index, wijken) in [r#"["regelhof","tuinwijk-oost"]"#, r#"["stille-hoek"]"#]
        .iter()
        .enumerate()
    {
        let script = build_part.replace(
            "--output part",
            &format!("--today 2027-01-15 --output parts/part-{index}"),
        );
        run_step(&script, root, &[("WIJKEN", wijken), ("PATH", &path)]);
    }
    let status = Process::new(&binary)
        .args([
            "build",
            "--overview-only",
            "--today",
            "2027-01-15",
            "--output",
        ])
        .arg(root.join("parts/root"))
        .arg("--root")
        .arg(root)
        .status()
        .unwrap();
    assert!(status.success());
    let merge = step_script(
        &workflow,
        "merge",
        "The overview's files, then each part's wijken",
    );
    run_step(merge, root, &[]);
    site.build();

    let full = files_under(&site.public());
    let merged = files_under(&root.join("site"));
    let differing: Vec<&String> = full
        .keys()
        .chain(merged.keys())
        .filter(|p| full.get(*p) != merged.get(*p))
        .collect();
    // The root sitemap is an index of the wijken's own sitemaps; the output
    // folder's bookkeeping lists what each build wrote.
    assert!(
        differing
            .iter()
            .all(|p| *p == "sitemap.xml" || p.ends_with(".wijkverhaal")),
        "{differing:?}"
    );
    assert!(
        merged.contains_key(".well-known/security.txt")
            || !full.contains_key(".well-known/security.txt")
    );
    assert!(merged.contains_key("toegankelijkheid/index.html"));
    assert_eq!(
        String::from_utf8_lossy(&merged["_redirects"]),
        "/stille-hoek/oud-buurtfeest/ /stille-hoek/buurtfeest/ 301\n/tuinwijk-oost/oud-kermis/ /tuinwijk-oost/kermis/ 301\n"
    );
}

#[test]
fn init_writes_a_gitlab_pipeline_with_check_build_and_pages() {
    let dir = TestSite::empty();
    let site = dir.root().join("nieuw");
    init(&site, &[]);
    let pipeline = yaml(&site.join(".gitlab-ci.yml"));
    let stages: Vec<&str> = pipeline["stages"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(stages, ["check", "build", "publish"]);
    assert_eq!(pipeline["check"]["stage"], "check");
    assert_eq!(pipeline["check"]["script"][0], "wijkverhaal check");
    assert_eq!(
        pipeline["build"]["script"][0],
        "wijkverhaal build --output site"
    );
    assert_eq!(pipeline["pages"]["stage"], "publish");
    assert_eq!(pipeline["pages"]["artifacts"]["paths"][0], "public/");
    assert_eq!(
        pipeline["variables"]["WIJKVERHAAL_VERSION"],
        env!("CARGO_PKG_VERSION")
    );
    let cache = &pipeline["default"]["cache"];
    assert_eq!(cache["key"], "wijkverhaal-$WIJKVERHAAL_VERSION");
    assert_eq!(cache["paths"][0], ".wijkverhaal-bin/bin/");
    let build_caches = all_text(&pipeline["build"]["cache"]);
    assert!(
        build_caches.contains(".wijkverhaal-bin/bin/")
            && build_caches.contains(".wijkverhaal-cache/"),
        "the build keeps the binary and the processed images: {build_caches}"
    );
    let rules = all_text(&pipeline["workflow"]["rules"]);
    assert!(
        rules.contains("$CI_PIPELINE_SOURCE == \"schedule\""),
        "{rules}"
    );
    assert!(
        rules.contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"),
        "{rules}"
    );
    let text = std::fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    assert!(
        text.contains("\"0 5 * * *\"") && text.contains("Amsterdam"),
        "the schedule is explained"
    );
}

#[test]
fn init_no_ci_leaves_the_workflows_out_and_the_site_still_builds() {
    let dir = TestSite::empty();
    let site = dir.root().join("zonder");
    init(&site, &["--no-ci"]);
    assert!(!site.join(".github").exists());
    assert!(!site.join(".gitlab-ci.yml").exists());
    Command::cargo_bin("wijkverhaal")
        .unwrap()
        .args(["build", "--root"])
        .arg(&site)
        .assert()
        .success();
    // With the workflows in place, init refuses and writes nothing.
    let with = dir.root().join("met");
    init(&with, &[]);
    std::fs::remove_file(with.join("site.toml")).unwrap();
    Command::cargo_bin("wijkverhaal")
        .unwrap()
        .arg("init")
        .arg(&with)
        .assert()
        .failure()
        .stderr(predicates::str::contains(".gitlab-ci.yml"));
    assert!(!with.join("site.toml").exists());
}
