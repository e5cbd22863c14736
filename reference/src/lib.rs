//! The VUM reference node: the source (*bron*) side of interface 3.0.0, for job seekers and
//! vacancies, over plain HTTP or mutual TLS, on SQLite.

pub mod config;
pub mod http;
pub mod import;
pub mod index;
pub mod logboek;
pub mod node;
pub mod selectie;
pub mod store;

pub use config::NodeConfig;
pub use http::router;
pub use node::Node;
pub mod pki;
pub mod tls;
