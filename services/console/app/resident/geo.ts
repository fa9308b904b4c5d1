export interface Point {
  lng: number;
  lat: number;
}

const REASON: Record<number, string> = {
  1: "您没有允许本页使用位置信息，请在浏览器设置中允许，或手动输入经纬度。",
  2: "暂时无法获取位置，请到开阔处重试，或手动输入经纬度。",
  3: "获取位置超时，请重试，或手动输入经纬度。",
};

/** The phone's position (the browser asks the resident first); rejects with a sentence the page can show. */
export function myPosition(): Promise<Point> {
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) {
      reject(new Error("此浏览器不支持定位，请手动输入经纬度。"));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: round(p.coords.longitude), lat: round(p.coords.latitude) }),
      (e) => reject(new Error(REASON[e.code] ?? e.message)),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

/** Six decimals (about 0.1 m): more is noise from the sensor. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** A number typed into a coordinate field, or null when it is not one. */
export function coordinate(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() === "" || !Number.isFinite(n) ? null : n;
}
