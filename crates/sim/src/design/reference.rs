//! Reference designs shipped with Nines: the start of the story, the classic three-tier
//! design, and an M/M/c queue for checking the engine against theory.
