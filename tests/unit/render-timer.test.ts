import { createElement } from "react";
import type { EntryContext } from "@remix-run/node";
import { createStaticHandler } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import handleRequest from "~/entry.server.tsx";

/** A one-route app as Remix hands it to entry.server: enough for RemixServer to render a page. */
async function entryContext(): Promise<EntryContext> {
  const handler = createStaticHandler([{ id: "root", path: "/" }]);
  const staticHandlerContext = await handler.query(new Request("http://localhost/"));
  if (staticHandlerContext instanceof Response) throw new Error("no context");
  return {
    manifest: {
      routes: {
        root: {
          id: "root",
          path: "/",
          module: "/root.js",
          hasLoader: false,
          hasAction: false,
          hasClientLoader: false,
          hasClientAction: false,
          hasErrorBoundary: false,
        },
      },
      entry: { module: "/entry.client.js", imports: [] },
      url: "/manifest.js",
      version: "1",
    },
    routeModules: { root: { default: () => createElement("p", null, "ページ") } },
    staticHandlerContext,
    future: { v3_singleFetch: true },
    isSpaMode: false,
    serverHandoffString: "{}",
    serializeError: (error: Error) => ({ message: error.message }),
  } as unknown as EntryContext;
}

describe("the page render's time limit", () => {
  it("does not abort a render that waited its turn behind 5 s of other requests' work", async () => {
    const context = await entryContext();
    // Called from a setImmediate callback, as Remix may be on a busy server;
    // the loop then stays busy for longer than the limit before React's own
    // callback can start the render.
    const outcome = await new Promise<Response | Error>((resolve) => {
      setImmediate(() => {
        handleRequest(new Request("http://localhost/"), 200, new Headers(), context, {
          cspNonce: "n",
          clientAddress: "127.0.0.1",
        }).then(resolve, resolve);
        const until = Date.now() + 5_300;
        while (Date.now() < until) {
          // another page's loader holding the event loop
        }
      });
    });
    expect(outcome).toBeInstanceOf(Response);
    const response = outcome as Response;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("ページ");
  }, 15_000);
});
