-- Mart: one row per reward (§7); the rules are in int_rewards, which the period facts also read.
SELECT * FROM int_rewards
