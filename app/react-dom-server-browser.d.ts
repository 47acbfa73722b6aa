// React's web-streams renderer, which Node can run (react-dom's exports map
// has it); @types/react-dom declares it under "react-dom/server" only.
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
