/** Word lists for realistic fake contacts. All people and companies are fictional. */

/** '|'-separated list in a template literal, so the lists stay compact under prettier. */
const list = (s: string): readonly string[] =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

export const GIVEN_NAMES = list(`
  Anna|Ben|Clara|David|Emma|Felix|Grace|Hannah|Isaac|Julia|Karl|Laura|Max|Nina|Oliver|Paula|
  Quentin|Rosa|Samuel|Tara|Uwe|Vera|William|Xenia|Yusuf|Zoe|Amelia|Noah|Olivia|Liam|Sophia|
  Lucas|Mia|Elias|Leonie|Jonas|Marie|Paul|Lena|Finn|Charlotte|Henry|Isabella|James|Chloé|José|
  François|Søren|Björn|Agnieszka|Łukasz|Ana|Mateo|Priya|Rahul|Aisha|Omar|Mei|Hiroshi|Yuki|Olga|
  Ivan|Fatima|Kwame|Amara|Siobhán|Seán|Niamh|Mario|Ingrid|Pedro|Lucía|Thomas|Sarah|Michael|
  Jennifer|Robert|Linda|Daniel|Karen|Matthew|Nancy|Anthony|Lisa|Mark|Betty|Steven|Sandra`);

export const MIDDLE_NAMES = list(`Marie|James|Lee|Ann|Josef|Maria|Alexander|Rose|J.|K.`);

export const FAMILY_NAMES = list(`
  Smith|Müller|Schmidt|Johnson|Williams|Brown|Jones|Garcia|Miller|Davis|Rodríguez|Martínez|
  Hernández|López|Wilson|Anderson|Thomas|Taylor|Moore|Jackson|Martin|Lee|Pérez|Thompson|White|
  Harris|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Koch|Dubois|Lefèvre|Rossi|
  Russo|Bianchi|Kowalski|Nowak|Jensen|Nielsen|Andersson|Virtanen|O'Brien|Murphy|Kelly|Nguyen|
  Tran|Kim|Park|Tanaka|Suzuki|Sato|Patel|Singh|Khan|Okafor|Mensah|van der Berg|de la Cruz|
  Ó Súilleabháin|Smith-Jones|MacDonald|Popescu|Novák|Horváth|Clarke|Lewis|Walker|Young`);

export const COMPANIES = list(`
  Acme Corp|Globex|Initech|Umbrella Logistics|Stark Industries|Wayne Enterprises|Hooli|
  Pied Piper|Vandelay Industries|Cyberdyne Systems|Soylent GmbH|Müller & Söhne KG|Tyrell Corp|
  Wonka Confectionery|Gringotts Bank|Oceanic Air|Dunder Mifflin|Aperture Science|Black Mesa|
  Massive Dynamic|Nakatomi Trading|Bluth Company|Prestige Worldwide|Sterling Cooper|
  Los Pollos Hermanos|Freelance|Self-employed`);

export const TITLES = list(`
  Software Engineer|Product Manager|CEO|Accountant|Designer|Sales Director|Nurse|Teacher|
  Plumber|Consultant|Head of Marketing|Intern|CTO|Lawyer|Sr. Developer (Backend)|VP, Finance`);

export const DEPARTMENTS = list(`Engineering|Sales|Finance|HR|Legal|R&D|Ops|Customer Success`);

export const MAIL_DOMAINS = list(`
  gmail.com|googlemail.com|outlook.com|hotmail.com|yahoo.com|yahoo.co.uk|icloud.com|web.de|
  gmx.de|proton.me|example.com|example.org`);

export const STREETS = list(`
  Main Street|High Street|Baker Street|Elm Avenue|Hauptstraße|Bahnhofstraße|Rue de la Paix|
  Calle Mayor|Via Roma|Oak Lane|Sunset Boulevard|Königsallee|Station Road|Church Lane`);

/** city, region, country, country code, postal-code pattern (9 = digit, A = letter). */
export const PLACES = list(`
  Springfield,IL,United States,US,99999|Portland,OR,United States,US,99999|
  London,,United Kingdom,GB,AA9 9AA|Manchester,,United Kingdom,GB,A9 9AA|
  Berlin,,Germany,DE,99999|München,Bayern,Germany,DE,99999|Paris,,France,FR,99999|
  Madrid,,Spain,ES,99999|Roma,RM,Italy,IT,99999|Toronto,ON,Canada,CA,A9A 9A9|
  Sydney,NSW,Australia,AU,9999|Zürich,ZH,Switzerland,CH,9999|Wien,,Austria,AT,9999`).map((p) => {
  const [city = '', region = '', country = '', countryCode = '', postal = ''] = p.split(',');
  return { city, region, country, countryCode, postal };
});

export const NICKNAMES = list(`Bear|Doc|Sunny|Ace|Boss|Kiddo|Mo|Jay|Bee|Tiny|Chief`);

export const NOTES = list(`
  Met at the conference in Lisbon.|Owes me a coffee.|Allergic to peanuts!|
  Prefers WhatsApp over email. Call after 6pm.|Kids: Tom & Lisa|
  Friend of Karl — ask about the boat.|Do NOT call on Sundays|Gate code 4711#`);

export const GROUP_NAMES = list(`
  Family|Work|Ünïcödé Friends|Book Club 📚|Soccer Team|Neighbours|Colleagues — Berlin|同事|VIP|
  Old School|Doctors & Dentists|Друзья`);
