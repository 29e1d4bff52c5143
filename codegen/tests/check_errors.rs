use serde_saphyr::{MessageFormatter, UserMessageFormatter};
#[test]
fn scratch() {
    let dir = std::env::var("SCRATCH").unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let text = std::fs::read_to_string(&p).unwrap();
        println!("=== {}", p.display());
        match veil_codegen::compile(&text) {
            Ok(_) => println!("OK"),
            Err(d) => {
                for r in d.render("spec/app.yaml") {
                    println!("{r}");
                }
            }
        }
        match serde_saphyr::from_str::<Option<veil_codegen::spec::Spec>>(&text) {
            Ok(None) => println!("opt: None"),
            Ok(Some(_)) => println!("opt: Some"),
            Err(e) => println!(
                "opt err: {:?} {}",
                e.location().map(|l| (l.line(), l.column())),
                UserMessageFormatter.format_message(e.without_snippet())
            ),
        }
    }
}
