//! Centroids of the Dutch four-digit postcode areas (PC4) and the distance rule of
//! `selectiegebied`.
//!
//! The standard leaves the geographic rule open (vum-standard.md §4.4). This project applies: the
//! great-circle (haversine) distance between the centroid of the question's PC4 and the centroid of
//! the profile's PC4, on a sphere of radius [`EARTH_RADIUS_KM`], is at most `afstand` kilometres.
//! The centroids are `data/pc4-centroids.csv` (4,073 areas, 2021; MIT licence, see
//! `data/LICENSE-pc4geoloc`).

use std::sync::OnceLock;

/// The mean earth radius (IUGG) used for distances.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A point in WGS84 degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Centroid {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

impl Centroid {
    /// The haversine distance to another point, in kilometres.
    pub fn distance_km(self, other: Centroid) -> f64 {
        let (phi1, phi2) = (self.lat.to_radians(), other.lat.to_radians());
        let dphi = phi2 - phi1;
        let dlambda = (other.lon - self.lon).to_radians();
        let a =
            (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
    }
}

/// One PC4 area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pc4Area {
    /// The four digits as a number (1011 for "1011").
    pub pc4: u16,
    /// Its centroid.
    pub centroid: Centroid,
}

/// The table of PC4 areas, sorted by PC4.
#[derive(Debug)]
pub struct Pc4Table {
    areas: Vec<Pc4Area>,
}

const DATA: &str = include_str!("../data/pc4-centroids.csv");

/// The embedded table. Lines that are comments or malformed are skipped; the tests check that all
/// 4,073 areas are present, so a damaged data file cannot go unnoticed.
pub fn pc4_table() -> &'static Pc4Table {
    static TABLE: OnceLock<Pc4Table> = OnceLock::new();
    TABLE.get_or_init(|| Pc4Table::parse(DATA))
}

impl Pc4Table {
    fn parse(text: &str) -> Self {
        let mut areas: Vec<Pc4Area> = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.split(',');
                let pc4 = fields.next()?.parse().ok()?;
                let lat = fields.next()?.parse().ok()?;
                let lon = fields.next()?.parse().ok()?;
                Some(Pc4Area {
                    pc4,
                    centroid: Centroid { lat, lon },
                })
            })
            .collect();
        areas.sort_by_key(|a| a.pc4);
        Self { areas }
    }

    /// Every area, sorted by PC4.
    pub fn areas(&self) -> &[Pc4Area] {
        &self.areas
    }

    /// The position of a PC4 in [`Self::areas`].
    pub fn index_of(&self, pc4: u16) -> Option<usize> {
        self.areas.binary_search_by_key(&pc4, |a| a.pc4).ok()
    }

    /// The centroid of a PC4 given as its four digits or as a whole postcode (`"1011AB"`).
    pub fn centroid(&self, postcode: &str) -> Option<Centroid> {
        let pc4 = postcode_pc4(postcode)?;
        self.index_of(pc4).map(|i| self.areas[i].centroid)
    }
}

/// A `selectiegebied` whose postcode is well-formed but names no known PC4 area: a question no
/// node can answer, refused as invalid (`400.01`) by a source and by the exchange alike.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("selectiegebied.postcode {postcode}: PC4-gebied {pc4} is onbekend")]
pub struct UnknownArea {
    /// The postcode as asked.
    pub postcode: String,
    /// Its four digits.
    pub pc4: String,
}

/// The centre of a selection area: the centroid of its postcode's PC4 area.
pub fn centre(gebied: &crate::vraag::Selectiegebied) -> Result<Centroid, UnknownArea> {
    let postcode = gebied.postcode.as_str();
    pc4_table().centroid(postcode).ok_or_else(|| UnknownArea {
        postcode: postcode.to_owned(),
        pc4: postcode.chars().take(4).collect(),
    })
}

/// The PC4 of a postcode or of a bare four-digit area, if it starts with four ASCII digits.
pub fn postcode_pc4(postcode: &str) -> Option<u16> {
    let digits = postcode.get(..4)?;
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_area_of_the_data_file() {
        let table = pc4_table();
        assert_eq!(table.areas().len(), 4073);
        assert!(table.areas().windows(2).all(|w| w[0].pc4 < w[1].pc4));
        for area in table.areas() {
            assert!((50.7..53.6).contains(&area.centroid.lat), "{area:?}");
            assert!((3.3..7.3).contains(&area.centroid.lon), "{area:?}");
        }
    }

    #[test]
    fn distances_are_haversine_kilometres() {
        let table = pc4_table();
        let amsterdam = table.centroid("1011AB").unwrap();
        let groningen = table.centroid("9711").unwrap();
        let d = amsterdam.distance_km(groningen);
        assert!((d - 145.0).abs() < 5.0, "Amsterdam–Groningen {d} km");
        assert_eq!(amsterdam.distance_km(amsterdam), 0.0);
        assert!((amsterdam.distance_km(groningen) - groningen.distance_km(amsterdam)).abs() < 1e-9);
        assert_eq!(table.centroid("0000AA"), None);
        assert_eq!(table.centroid("AB12"), None);
    }
}
