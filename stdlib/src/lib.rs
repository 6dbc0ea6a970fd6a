//! The probe catalog: the one list of every event source flamescript knows, and nothing else.
