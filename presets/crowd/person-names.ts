/** Names and mail hosts for the crowd of generated users: common, varied, plain ASCII. */

// biome-ignore format: a word list reads best packed
export const FIRST_NAMES = [
  "Ada", "Amara", "Ana", "Arjun", "Ben", "Camille", "Carlos", "Chen", "Chloe", "Daniel",
  "Diego", "Elena", "Emma", "Fatima", "Grace", "Hana", "Hugo", "Ines", "Isaac", "Jonas",
  "Kai", "Laura", "Leila", "Liam", "Lucas", "Maya", "Mei", "Mohammed", "Nadia", "Noah",
  "Olivia", "Omar", "Priya", "Rafael", "Sara", "Sofia", "Tom", "Valentina", "Yuki", "Zoe",
] as const;

// biome-ignore format: a word list reads best packed
export const LAST_NAMES = [
  "Abbott", "Alvarez", "Bauer", "Becker", "Brown", "Chen", "Costa", "Dubois", "Fischer", "Garcia",
  "Gupta", "Hansen", "Ito", "Jensen", "Kim", "Kowalski", "Larsen", "Lopez", "Martin", "Meyer",
  "Moreau", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Patel", "Rossi", "Santos", "Schmidt",
  "Silva", "Singh", "Smith", "Tanaka", "Taylor", "Walker", "Weber", "Wilson", "Wong", "Young",
] as const;

// biome-ignore format: a word list reads best packed
export const EMAIL_HOSTS = [
  "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "proton.me",
] as const;
