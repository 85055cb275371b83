// GraphiQL for the node's GraphQL endpoint (/graphql), bundled like the rest of the console: nothing loads from a
// CDN. A separate page (graphiql.html) with its own React, so that the console itself stays on Preact.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';

const EXAMPLE = `# The newest epochs, then the next page with after: "<next>"
{
  epochs(limit: 5) {
    items { epoch status receipts sampled attestedFail }
    next
  }
}
`;

// graphiql.html sits at the console's root, next to the node's /graphql
const ENDPOINT = new URL('graphql', document.baseURI).href;

async function fetcher(params) {
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return res.json();
}

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, { fetcher, defaultQuery: EXAMPLE, shouldPersistHeaders: false }),
);
