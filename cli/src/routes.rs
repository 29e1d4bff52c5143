//! `veil routes`: every build × endpoint, what operations, gateways and mobile teams ask for.

use serde::Serialize;
use veil_codegen::ir::{Api, DecoyCharset, DecoyValue, Encoding};

use crate::args::RoutesFormat;
use crate::input;
use crate::outcome::Failure;

/// One endpoint as one build serves it.
#[derive(Serialize)]
struct Route<'a> {
    build: &'a str,
    service: &'a str,
    public_path: &'a str,
    real_name: &'a str,
    method: &'static str,
    encoding: &'static str,
    decoys: Vec<DecoyRow<'a>>,
    success: &'a [String],
}

/// A decoy: its wire name and fixed value, or how a fresh value is made.
#[derive(Serialize)]
struct DecoyRow<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    generate: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<u64>,
}

impl DecoyRow<'_> {
    /// `name=value`, or `name=<8 hex>` for a generated value.
    fn text(&self) -> String {
        match (self.value, self.generate, self.length) {
            (Some(value), _, _) => format!("{}={value}", self.name),
            (None, Some(charset), Some(length)) => format!("{}=<{length} {charset}>", self.name),
            _ => self.name.to_owned(),
        }
    }
}

/// Runs `veil routes`.
pub fn run(spec: &str, format: RoutesFormat) -> Result<String, Failure> {
    let (_, api) = input::read_and_compile(spec)?;
    let routes = routes(&api);
    match format {
        RoutesFormat::Table => Ok(table(&routes)),
        RoutesFormat::Json => serde_json::to_string_pretty(&routes)
            .map(|text| text + "\n")
            .map_err(|err| Failure::Usage(format!("cannot write the routes as JSON: {err}"))),
        RoutesFormat::Csv => csv_text(&routes)
            .map_err(|err| Failure::Usage(format!("cannot write the routes as CSV: {err}"))),
    }
}

/// Every route, build by build, endpoints in spec order.
fn routes(api: &Api) -> Vec<Route<'_>> {
    let mut routes = Vec::new();
    for (index, variant) in api.variants.iter().enumerate() {
        for service in &api.services {
            for endpoint in &service.endpoints {
                let Some(disguise) = endpoint.disguises.get(index) else {
                    continue;
                };
                routes.push(Route {
                    build: &variant.name,
                    service: &service.name,
                    public_path: &disguise.public_path,
                    real_name: &endpoint.real_name,
                    method: "POST",
                    encoding: encoding_name(endpoint.encoding),
                    decoys: disguise.decoys.iter().map(decoy_row).collect(),
                    success: &endpoint.success,
                });
            }
        }
    }
    routes
}

fn decoy_row(decoy: &veil_codegen::ir::Decoy) -> DecoyRow<'_> {
    match &decoy.value {
        DecoyValue::Fixed(value) => DecoyRow {
            name: &decoy.wire,
            value: Some(value),
            generate: None,
            length: None,
        },
        DecoyValue::Generated { charset, length } => DecoyRow {
            name: &decoy.wire,
            value: None,
            generate: Some(charset_name(*charset)),
            length: Some(*length),
        },
    }
}

fn encoding_name(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Json => "json",
        Encoding::Form => "form",
        Encoding::Multipart => "multipart",
    }
}

fn charset_name(charset: DecoyCharset) -> &'static str {
    match charset {
        DecoyCharset::Digits => "digits",
        DecoyCharset::Hex => "hex",
        DecoyCharset::Alphanumeric => "alphanumeric",
    }
}

const HEADER: [&str; 8] = [
    "build",
    "service",
    "public path",
    "real name",
    "method",
    "encoding",
    "decoys",
    "success",
];

/// A route's cells for the table and the CSV: decoys and success codes space-separated.
fn cells(route: &Route<'_>) -> [String; 8] {
    let decoys: Vec<String> = route.decoys.iter().map(DecoyRow::text).collect();
    [
        route.build.to_owned(),
        route.service.to_owned(),
        route.public_path.to_owned(),
        route.real_name.to_owned(),
        route.method.to_owned(),
        route.encoding.to_owned(),
        decoys.join(" "),
        route.success.join(" "),
    ]
}

/// Aligned columns, two spaces apart, the header in capitals.
fn table(routes: &[Route<'_>]) -> String {
    let header = HEADER.map(str::to_uppercase);
    let rows: Vec<[String; 8]> = std::iter::once(header)
        .chain(routes.iter().map(cells))
        .collect();
    let mut widths = [0usize; 8];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(widths) {
            line.push_str(cell);
            line.push_str(&" ".repeat(width - cell.chars().count() + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn csv_text(routes: &[Route<'_>]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER.map(|name| name.replace(' ', "_")))?;
    for route in routes {
        writer.write_record(cells(route))?;
    }
    let bytes = writer.into_inner().map_err(|err| err.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
