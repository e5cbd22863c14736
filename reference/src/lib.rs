//! The VUM reference node for interface 3.0.0, for job seekers and vacancies, over plain HTTP or
//! mutual TLS: the source (*bron*) role on SQLite ([`http`]), and the exchange
//! (*uitwisselingsvoorziening*) role in front of several sources ([`uitwisseling`]).

pub mod config;
pub mod http;
pub mod import;
pub mod index;
pub mod limit;
pub mod logboek;
pub mod node;
pub mod selectie;
pub mod store;

pub use config::NodeConfig;
pub use http::router;
pub use node::Node;
pub mod pki;
pub mod tls;
pub mod uitwisseling;
