/**
 * Cities of the seed and of the synthetic entries, with their country and a point for the map. The points are the
 * approximate centres of the cities (to about a kilometre), not the institutions' addresses. The Russian names are
 * for the seed's and the synthetic entries' Russian city names (the city_ru column).
 */

export interface City {
  readonly name: { readonly en: string; readonly ru: string };
  readonly country: string;
  readonly latitude: number;
  readonly longitude: number;
}

const city = (en: string, ru: string, country: string, latitude: number, longitude: number): City => ({
  name: { en, ru },
  country,
  latitude,
  longitude,
});

export const CITIES = {
  yerevan: city("Yerevan", "Ереван", "ARM", 40.1792, 44.4991),
  baku: city("Baku", "Баку", "AZE", 40.4093, 49.8671),
  minsk: city("Minsk", "Минск", "BLR", 53.9045, 27.5615),
  tbilisi: city("Tbilisi", "Тбилиси", "GEO", 41.7151, 44.8271),
  astana: city("Astana", "Астана", "KAZ", 51.1605, 71.4704),
  bishkek: city("Bishkek", "Бишкек", "KGZ", 42.8746, 74.5698),
  chisinau: city("Chișinău", "Кишинёв", "MDA", 47.0105, 28.8638),
  moscow: city("Moscow", "Москва", "RUS", 55.7558, 37.6173),
  dushanbe: city("Dushanbe", "Душанбе", "TJK", 38.5598, 68.787),
  kyiv: city("Kyiv", "Киев", "UKR", 50.4501, 30.5234),
  tashkent: city("Tashkent", "Ташкент", "UZB", 41.2995, 69.2401),
  ashgabat: city("Ashgabat", "Ашхабад", "TKM", 37.9601, 58.3261),
  geneva: city("Geneva", "Женева", "CHE", 46.2044, 6.1432),
  vienna: city("Vienna", "Вена", "AUT", 48.2082, 16.3738),
  warsaw: city("Warsaw", "Варшава", "POL", 52.2297, 21.0122),
  newYork: city("New York", "Нью-Йорк", "USA", 40.7128, -74.006),
  luxembourg: city("Luxembourg", "Люксембург", "LUX", 49.6116, 6.1319),
  washington: city("Washington", "Вашингтон", "USA", 38.9072, -77.0369),
  florence: city("Florence", "Флоренция", "ITA", 43.7696, 11.2558),
  paris: city("Paris", "Париж", "FRA", 48.8566, 2.3522),
  berlin: city("Berlin", "Берлин", "DEU", 52.52, 13.405),
} as const satisfies Record<string, City>;

export type CityKey = keyof typeof CITIES;

/** More cities of the region, for synthetic entries only. */
export const MORE_CITIES: readonly City[] = [
  city("Gyumri", "Гюмри", "ARM", 40.7894, 43.8475),
  city("Ganja", "Гянджа", "AZE", 40.6828, 46.3606),
  city("Gomel", "Гомель", "BLR", 52.4345, 30.9754),
  city("Brest", "Брест", "BLR", 52.0976, 23.7341),
  city("Batumi", "Батуми", "GEO", 41.6168, 41.6367),
  city("Kutaisi", "Кутаиси", "GEO", 42.2679, 42.6946),
  city("Almaty", "Алматы", "KAZ", 43.222, 76.8512),
  city("Shymkent", "Шымкент", "KAZ", 42.3417, 69.5901),
  city("Karaganda", "Караганда", "KAZ", 49.8047, 73.1094),
  city("Osh", "Ош", "KGZ", 40.5283, 72.7985),
  city("Bălți", "Бельцы", "MDA", 47.7617, 27.9289),
  city("Saint Petersburg", "Санкт-Петербург", "RUS", 59.9311, 30.3609),
  city("Novosibirsk", "Новосибирск", "RUS", 55.0084, 82.9357),
  city("Yekaterinburg", "Екатеринбург", "RUS", 56.8389, 60.6057),
  city("Kazan", "Казань", "RUS", 55.7963, 49.1088),
  city("Khujand", "Худжанд", "TJK", 40.2826, 69.6222),
  city("Kharkiv", "Харьков", "UKR", 49.9935, 36.2304),
  city("Odesa", "Одесса", "UKR", 46.4825, 30.7233),
  city("Lviv", "Львов", "UKR", 49.8397, 24.0297),
  city("Samarkand", "Самарканд", "UZB", 39.627, 66.975),
  city("Bukhara", "Бухара", "UZB", 39.7681, 64.4556),
  city("Turkmenabat", "Туркменабат", "TKM", 39.0733, 63.5786),
];
