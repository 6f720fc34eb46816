// Where a phone number's country settles the time zone, and the few zones to offer where it does not. Countries not
// listed start on UTC and are told how to change it.

const SINGLE: Record<string, string> = {
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  IT: 'Europe/Rome',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  DK: 'Europe/Copenhagen',
  FI: 'Europe/Helsinki',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  GR: 'Europe/Athens',
  IN: 'Asia/Kolkata',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  SG: 'Asia/Singapore',
  HK: 'Asia/Hong_Kong',
  PH: 'Asia/Manila',
  IL: 'Asia/Jerusalem',
  ZA: 'Africa/Johannesburg',
  NG: 'Africa/Lagos',
  KE: 'Africa/Nairobi',
  NZ: 'Pacific/Auckland',
  AR: 'America/Argentina/Buenos_Aires',
  CO: 'America/Bogota',
  PE: 'America/Lima',
  CL: 'America/Santiago',
  PR: 'America/Puerto_Rico',
};

const SEVERAL: Record<string, { label: string; zone: string }[]> = {
  US: [
    { label: 'Eastern', zone: 'America/New_York' },
    { label: 'Central', zone: 'America/Chicago' },
    { label: 'Mountain', zone: 'America/Denver' },
    { label: 'Arizona', zone: 'America/Phoenix' },
    { label: 'Pacific', zone: 'America/Los_Angeles' },
    { label: 'Alaska', zone: 'America/Anchorage' },
    { label: 'Hawaii', zone: 'Pacific/Honolulu' },
  ],
  CA: [
    { label: 'Pacific', zone: 'America/Vancouver' },
    { label: 'Mountain', zone: 'America/Edmonton' },
    { label: 'Central', zone: 'America/Winnipeg' },
    { label: 'Eastern', zone: 'America/Toronto' },
    { label: 'Atlantic', zone: 'America/Halifax' },
    { label: 'Newfoundland', zone: 'America/St_Johns' },
  ],
  AU: [
    { label: 'Sydney/Melbourne', zone: 'Australia/Sydney' },
    { label: 'Brisbane', zone: 'Australia/Brisbane' },
    { label: 'Adelaide', zone: 'Australia/Adelaide' },
    { label: 'Darwin', zone: 'Australia/Darwin' },
    { label: 'Perth', zone: 'Australia/Perth' },
  ],
  BR: [
    { label: 'Brasilia', zone: 'America/Sao_Paulo' },
    { label: 'Manaus', zone: 'America/Manaus' },
    { label: 'Acre', zone: 'America/Rio_Branco' },
  ],
  MX: [
    { label: 'Central', zone: 'America/Mexico_City' },
    { label: 'Pacific', zone: 'America/Tijuana' },
    { label: 'Mountain', zone: 'America/Mazatlan' },
    { label: 'Southeast', zone: 'America/Cancun' },
  ],
  ES: [
    { label: 'Mainland', zone: 'Europe/Madrid' },
    { label: 'Canary Islands', zone: 'Atlantic/Canary' },
  ],
  PT: [
    { label: 'Mainland', zone: 'Europe/Lisbon' },
    { label: 'Azores', zone: 'Atlantic/Azores' },
  ],
};

/** The zone a number's country settles, the options to ask about, or nothing known (`UTC`, told to change it). */
export const zonesForCountry = (
  country: string | undefined,
): { zone: string } | { ask: { label: string; zone: string }[] } | { unknown: true } => {
  if (country && SINGLE[country]) return { zone: SINGLE[country] };
  if (country && SEVERAL[country]) return { ask: SEVERAL[country] };
  return { unknown: true };
};
