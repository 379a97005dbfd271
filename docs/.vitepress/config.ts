import { defineConfig } from 'vitepress';
import eligo from './eligo.tmLanguage';
import { playgroundLinks } from './playgroundLinks';

const base = '/docs/';

// Served by the API under /docs/, next to the web app at / and the API at /v1. Everything the site
// needs is built in: no web fonts, no search index service, no external assets.
export default defineConfig({
  base,
  lang: 'en',
  title: 'Eligo',
  description: 'Clinical-trial eligibility criteria as a small readable language, screened three-valued.',
  cleanUrls: false,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/docs/favicon.svg' }]],
  markdown: { languages: [eligo], config: (md) => playgroundLinks(md, `${base}playground.html`) },
  // The diagnostics reference is written alongside the checker and may land after these pages.
  ignoreDeadLinks: [/^\.?\/diagnostics(\.md)?$/],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/' },
      { text: 'Language', link: '/language' },
      { text: 'Playground', link: '/playground' },
      { text: 'API', link: '/api' },
    ],
    sidebar: [
      {
        text: 'Eligo',
        items: [
          { text: 'Introduction and quick start', link: '/' },
          { text: 'Tutorial: a trial from its registry text', link: '/tutorial' },
          { text: 'The criteria language', link: '/language' },
          { text: 'The language by example', link: '/language-examples' },
          { text: 'Playground', link: '/playground' },
          { text: 'Clinical calculators', link: '/calculators' },
          { text: 'Diagnostics', link: '/diagnostics' },
          { text: 'FHIR guide for integrators', link: '/fhir-guide' },
          { text: 'Reading FHIR records', link: '/fhir' },
          { text: 'Screening a population', link: '/population' },
          { text: 'Feasibility in SQL', link: '/sql' },
          { text: 'Command line', link: '/cli' },
          { text: 'HTTP API', link: '/api' },
          { text: 'Security and failures', link: '/security' },
          { text: 'Benchmarks', link: '/benchmarks' },
        ],
      },
      {
        text: 'Walkthroughs',
        items: [
          { text: 'The corpus of trials', link: '/trials/' },
          { text: 'NCT06469190', link: '/trials/NCT06469190' },
          { text: 'NCT02894840', link: '/trials/NCT02894840' },
          { text: 'NCT03681457', link: '/trials/NCT03681457' },
          { text: 'NCT03987919', link: '/trials/NCT03987919' },
          { text: 'NCT04169737', link: '/trials/NCT04169737' },
          { text: 'NCT04847557', link: '/trials/NCT04847557' },
          { text: 'NCT05060198', link: '/trials/NCT05060198' },
          { text: 'NCT05291234', link: '/trials/NCT05291234' },
          { text: 'NCT05715229', link: '/trials/NCT05715229' },
        ],
      },
    ],
    outline: { level: [2, 3] },
    footer: { message: 'Eligo: eligibility criteria a clinician can read and a computer can screen.' },
  },
});
