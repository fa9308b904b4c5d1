import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { loggableError } from "../../src/log-error";

describe("loggableError: what a log line may say of an unhandled error", () => {
  it("keeps a failed query's bound parameters (personal data) out, naming the query and the database's cause", () => {
    const cause = new Error("D1_ERROR: UNIQUE constraint failed: workers.id_hash");
    const failed = new DrizzleQueryError(
      "insert into workers (name, id_hash) values (?, ?)",
      ["张三", "4407031990"],
      cause,
    );
    const logged = loggableError(failed);
    expect(JSON.stringify(logged)).not.toMatch(/张三|4407031990/);
    expect(logged.error).toMatch(/insert into workers .*UNIQUE constraint failed: workers\.id_hash/);
  });

  it("keeps other errors' message and keeps only the stack.s frames (its head repeats the message)", () => {
    const logged = loggableError(new TypeError("x is undefined"));
    expect(logged.error).toBe("TypeError: x is undefined");
    expect(logged.stack ?? "").not.toMatch(/x is undefined/);
  });
});
