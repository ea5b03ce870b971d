/** Words for company names and slogans, in the style of the usual fake-data generators. */

// biome-ignore format: a word list reads best packed
export const COMPANY_SUFFIXES = ["Inc", "LLC", "Group", "and Sons", "Partners", "Labs"] as const;

// biome-ignore format: a word list reads best packed
export const SLOGAN_ADJECTIVES = [
  "Adaptive", "Balanced", "Customer-focused", "Distributed", "Ergonomic", "Integrated",
  "Intuitive", "Proactive", "Robust", "Seamless", "Streamlined", "Synergistic",
] as const;

// biome-ignore format: a word list reads best packed
export const SLOGAN_DESCRIPTORS = [
  "24/7", "asynchronous", "bi-directional", "context-sensitive", "dynamic", "global",
  "interactive", "mission-critical", "multi-tier", "real-time", "scalable", "zero-defect",
] as const;

// biome-ignore format: a word list reads best packed
export const SLOGAN_NOUNS = [
  "algorithm", "architecture", "benchmark", "capability", "framework", "hierarchy",
  "initiative", "interface", "paradigm", "platform", "solution", "workforce",
] as const;
