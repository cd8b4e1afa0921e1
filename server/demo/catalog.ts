/** Northwind Outfitters: what it sells, where its customers live and who carries its parcels. */

export const BRAND = 'Northwind Outfitters';
export const BRAND_X_HANDLE = '@NorthwindOutfit';
export const BRAND_WHATSAPP = '+1 (800) 555-0199';

interface Product {
  code: string;
  name: string;
  /** US dollars, in cents. */
  priceCents: number;
  sizes: readonly string[];
  colors: readonly string[];
}

const APPAREL = ['XS', 'S', 'M', 'L', 'XL'];
const SHOES = ['7', '8', '9', '10', '11', '12'];
const ONE = ['One Size'];

export const PRODUCTS: readonly Product[] = [
  {
    code: 'JKT-ALP',
    name: 'Alpine Ridge Insulated Jacket',
    priceCents: 24_900,
    sizes: APPAREL,
    colors: ['Black', 'Glacier Blue', 'Ember Red'],
  },
  {
    code: 'JKT-SUM',
    name: 'Summit Shell Rain Jacket',
    priceCents: 17_900,
    sizes: APPAREL,
    colors: ['Forest', 'Slate', 'Sunburst Yellow'],
  },
  { code: 'PRK-NRD', name: 'Nordic Down Parka', priceCents: 32_900, sizes: APPAREL, colors: ['Black', 'Olive'] },
  {
    code: 'FLC-TRL',
    name: 'Trailhead Fleece Pullover',
    priceCents: 7_900,
    sizes: APPAREL,
    colors: ['Heather Grey', 'Navy', 'Moss'],
  },
  { code: 'VST-BSC', name: 'Basecamp Down Vest', priceCents: 12_900, sizes: APPAREL, colors: ['Black', 'Rust'] },
  { code: 'QZP-SRA', name: 'Sierra Quarter-Zip', priceCents: 8_400, sizes: APPAREL, colors: ['Charcoal', 'Teal'] },
  {
    code: 'PNT-RDG',
    name: 'Ridgeline Softshell Pants',
    priceCents: 11_900,
    sizes: APPAREL,
    colors: ['Graphite', 'Khaki'],
  },
  {
    code: 'SHT-CNY',
    name: 'Canyon Hiking Shorts',
    priceCents: 5_900,
    sizes: APPAREL,
    colors: ['Sand', 'Olive', 'Black'],
  },
  {
    code: 'BSL-MER',
    name: 'Merino Crew Base Layer',
    priceCents: 8_900,
    sizes: APPAREL,
    colors: ['Black', 'Deep Plum'],
  },
  { code: 'TEE-EVD', name: 'Everyday Trail Tee', priceCents: 3_200, sizes: APPAREL, colors: ['White', 'Pine', 'Clay'] },
  {
    code: 'SHR-CST',
    name: 'Coastal Flannel Shirt',
    priceCents: 6_900,
    sizes: APPAREL,
    colors: ['Red Plaid', 'Blue Plaid'],
  },
  {
    code: 'SCK-MER',
    name: 'Merino Hiking Socks (3-pack)',
    priceCents: 2_900,
    sizes: ['S', 'M', 'L'],
    colors: ['Assorted'],
  },
  {
    code: 'BOT-SWB',
    name: 'Switchback Waterproof Hiking Boots',
    priceCents: 18_900,
    sizes: SHOES,
    colors: ['Brown', 'Black'],
  },
  { code: 'SHO-TRR', name: 'Trail Runner Shoes', priceCents: 13_900, sizes: SHOES, colors: ['Lime', 'Storm Grey'] },
  { code: 'GLV-GLC', name: 'Glacier Insulated Gloves', priceCents: 4_900, sizes: ['S', 'M', 'L'], colors: ['Black'] },
  {
    code: 'BNE-TMB',
    name: 'Timberline Beanie',
    priceCents: 2_900,
    sizes: ONE,
    colors: ['Mustard', 'Charcoal', 'Rust'],
  },
  { code: 'HAT-SUN', name: 'Sun Trek Wide-Brim Hat', priceCents: 3_900, sizes: ['S/M', 'L/XL'], colors: ['Khaki'] },
  { code: 'PCK-CSC', name: 'Cascade 28L Daypack', priceCents: 11_900, sizes: ONE, colors: ['Black', 'Alpine Green'] },
  { code: 'PON-PKB', name: 'Packable Rain Poncho', priceCents: 3_400, sizes: ONE, colors: ['Orange', 'Navy'] },
  { code: 'GTR-STM', name: 'Storm Gaiters', priceCents: 4_400, sizes: ['S/M', 'L/XL'], colors: ['Black'] },
];

export type Country = 'US' | 'GB';

export interface Place {
  country: Country;
  city: string;
  timeZone: string;
  /** Digits after the country code before the subscriber part, e.g. "415555" or "2079460". */
  prefix: string;
  /** How many subscriber digits follow the prefix. */
  free: number;
  /** Digit groups of the national significant number, e.g. [3, 3, 4]. */
  groups: readonly number[];
}

/** US numbers use the 555 exchange; UK numbers use Ofcom's ranges reserved for drama. */
export const PLACES: readonly Place[] = [
  ...(
    [
      ['415', 'San Francisco, CA', 'America/Los_Angeles'],
      ['310', 'Los Angeles, CA', 'America/Los_Angeles'],
      ['206', 'Seattle, WA', 'America/Los_Angeles'],
      ['503', 'Portland, OR', 'America/Los_Angeles'],
      ['208', 'Boise, ID', 'America/Boise'],
      ['303', 'Denver, CO', 'America/Denver'],
      ['970', 'Fort Collins, CO', 'America/Denver'],
      ['801', 'Salt Lake City, UT', 'America/Denver'],
      ['406', 'Bozeman, MT', 'America/Denver'],
      ['512', 'Austin, TX', 'America/Chicago'],
      ['312', 'Chicago, IL', 'America/Chicago'],
      ['612', 'Minneapolis, MN', 'America/Chicago'],
      ['404', 'Atlanta, GA', 'America/New_York'],
      ['828', 'Asheville, NC', 'America/New_York'],
      ['617', 'Boston, MA', 'America/New_York'],
      ['212', 'New York, NY', 'America/New_York'],
      ['802', 'Burlington, VT', 'America/New_York'],
      ['907', 'Anchorage, AK', 'America/Anchorage'],
    ] as const
  ).map(([area, city, timeZone]): Place => ({
    country: 'US',
    city,
    timeZone,
    prefix: `${area}555`,
    free: 4,
    groups: [3, 3, 4],
  })),
  ...(
    [
      ['2079460', 'London', [2, 4, 4]],
      ['1134960', 'Leeds', [3, 3, 4]],
      ['1144960', 'Sheffield', [3, 3, 4]],
      ['1154960', 'Nottingham', [3, 3, 4]],
      ['1174960', 'Bristol', [3, 3, 4]],
      ['1214960', 'Birmingham', [3, 3, 4]],
      ['1314960', 'Edinburgh', [3, 3, 4]],
      ['1414960', 'Glasgow', [3, 3, 4]],
      ['1514960', 'Liverpool', [3, 3, 4]],
      ['1614960', 'Manchester', [3, 3, 4]],
      ['2920180', 'Cardiff', [2, 4, 4]],
      ['7700900', 'Kendal', [4, 6]],
    ] as const
  ).map(([prefix, city, groups]): Place => ({
    country: 'GB',
    city,
    timeZone: 'Europe/London',
    prefix,
    free: 3,
    groups,
  })),
];

export const WAREHOUSE: Record<Country, string> = { US: 'Reno, NV', GB: 'Daventry, Northamptonshire' };

export interface Carrier {
  name: string;
  countries: readonly Country[];
  hubs: readonly string[];
  trackingUrl: (trackingNumber: string) => string;
}

export const CARRIERS: readonly Carrier[] = [
  {
    name: 'UPS',
    countries: ['US'],
    hubs: ['Louisville, KY', 'Salt Lake City, UT', 'Ontario, CA'],
    trackingUrl: (n) => `https://www.ups.com/track?tracknum=${n}`,
  },
  {
    name: 'FedEx',
    countries: ['US'],
    hubs: ['Memphis, TN', 'Indianapolis, IN', 'Oakland, CA'],
    trackingUrl: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  },
  {
    name: 'USPS',
    countries: ['US'],
    hubs: ['Sacramento, CA', 'Denver, CO', 'Chicago, IL'],
    trackingUrl: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  },
  {
    name: 'Royal Mail',
    countries: ['GB'],
    hubs: ['Northampton Mail Centre', 'Heathrow Worldwide Distribution Centre', 'Warrington Mail Centre'],
    trackingUrl: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  },
  {
    name: 'DHL',
    countries: ['GB', 'US'],
    hubs: ['East Midlands Hub', 'Cincinnati Hub, KY'],
    trackingUrl: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${n}`,
  },
];

export const CARD_BRANDS = ['Visa', 'Mastercard', 'Amex', 'Discover'] as const;

export const TRAILS: readonly string[] = [
  'Mount Tam',
  'the Enchantments',
  'Mount Si',
  'Longs Peak',
  'Angels Landing',
  'Mount Washington',
  'Helvellyn',
  'Snowdon',
  'Ben Nevis',
  'Scafell Pike',
  'the Presidential Traverse',
  'Half Dome',
];
