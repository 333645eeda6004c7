import nextVitals from "eslint-config-next/core-web-vitals";

import base from "./base.js";

// Next's rules first: base comes last so its typed TypeScript parser wins.
export default [...nextVitals, ...base];
