//! The `inventory` analyzer (being written).
