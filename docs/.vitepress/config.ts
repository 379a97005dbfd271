import { defineConfig } from 'vitepress';
import eligo from './eligo.tmLanguage';

// Served by the API under /docs/, next to the web app at / and the API at /v1. Everything the site
// needs is built in: no web fonts, no search index service, no external assets.
export default defineConfig({
  base: '/docs/',
  lang: 'en',
  title: 'Eligo',
  description: 'Clinical-trial eligibility criteria as a small readable language, screened three-valued.',
  cleanUrls: false,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/docs/favicon.svg' }]],
  markdown: { languages: [eligo] },
  // The diagnostics reference is written alongside the checker and may land after these pages.
  ignoreDeadLinks: [/^\.?\/diagnostics(\.md)?$/],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/' },
      { text: 'Language', link: '/language' },
      { text: 'API', link: '/api' },
    ],
    sidebar: [
      {
        text: 'Eligo',
        items: [
          { text: 'Introduction and quick start', link: '/' },
          { text: 'The criteria language', link: '/language' },
          { text: 'The language by example', link: '/language-examples' },
          { text: 'Clinical calculators', link: '/calculators' },
          { text: 'Diagnostics', link: '/diagnostics' },
          { text: 'Reading FHIR records', link: '/fhir' },
          { text: 'Screening a population', link: '/population' },
          { text: 'Command line', link: '/cli' },
          { text: 'HTTP API', link: '/api' },
          { text: 'Security and failures', link: '/security' },
          { text: 'Benchmarks', link: '/benchmarks' },
        ],
      },
    ],
    outline: { level: [2, 3] },
    footer: { message: 'Eligo: eligibility criteria a clinician can read and a computer can screen.' },
  },
});
