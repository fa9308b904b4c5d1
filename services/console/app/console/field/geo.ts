/** A point as the API takes it. */
export interface LngLat {
  lng: number;
  lat: number;
}

/** The device's position now (the browser asks the user the first time), in the API's lng/lat. */
export function currentPosition(timeout = 15_000): Promise<LngLat> {
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) {
      reject(new Error("此设备或浏览器不支持定位"));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }),
      (e) => reject(new Error(positionError(e))),
      { enableHighAccuracy: true, timeout, maximumAge: 10_000 },
    );
  });
}

export function positionError(e: GeolocationPositionError): string {
  if (e.code === e.PERMISSION_DENIED) return "未获得定位权限，请在浏览器设置中允许定位";
  if (e.code === e.TIMEOUT) return "定位超时，请到开阔处重试";
  return `无法定位：${e.message}`;
}

export interface TrackPoint extends LngLat {
  at: string;
}

/**
 * Follows the device (watchPosition) and hands the points over in batches: every `size` points or every `everyMs`,
 * whichever comes first, so a patrol of hours is a few dozen requests, not thousands, and a lost batch is small.
 */
export class PointBatcher {
  private buffer: TrackPoint[] = [];
  private watch: number | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private sending: Promise<void> = Promise.resolve();
  private recorded = 0;

  constructor(
    private readonly send: (points: TrackPoint[]) => Promise<void>,
    private readonly onError: (message: string) => void,
    /** Called with how many points have been recorded so far (sent or not). */
    private readonly onPoint: (recorded: number) => void = () => undefined,
    private readonly size = 10,
    private readonly everyMs = 30_000,
  ) {}

  start(): void {
    this.watch = navigator.geolocation.watchPosition(
      (p) => {
        this.buffer.push({
          lng: p.coords.longitude,
          lat: p.coords.latitude,
          at: new Date(p.timestamp).toISOString(),
        });
        this.recorded++;
        this.onPoint(this.recorded);
        if (this.buffer.length >= this.size) this.tick();
      },
      (e) => this.onError(positionError(e)),
      // A fresh fix each time (maximumAge 0): a cached one could predate the patrol's start.
      { enableHighAccuracy: true, maximumAge: 0 },
    );
    this.timer = setInterval(() => this.tick(), this.everyMs);
  }

  /** A flush in the background: a failure is reported (and its points kept), never thrown into nowhere. */
  private tick(): void {
    this.flush().catch((e: unknown) => this.onError(e instanceof Error ? e.message : String(e)));
  }

  /**
   * Sends what is buffered, one batch at a time (points reach the API in order); on failure the points go back to the
   * front of the buffer for the next try.
   */
  flush(): Promise<void> {
    const next = this.sending.then(async () => {
      if (!this.buffer.length) return;
      const batch = this.buffer;
      this.buffer = [];
      try {
        await this.send(batch);
      } catch (e) {
        this.buffer = [...batch, ...this.buffer];
        throw e;
      }
    });
    this.sending = next.catch(() => undefined);
    return next;
  }

  /** Stops following the device and sends the last points. */
  async stop(): Promise<void> {
    if (this.watch !== undefined) navigator.geolocation.clearWatch(this.watch);
    clearInterval(this.timer);
    this.watch = undefined;
    this.timer = undefined;
    await this.flush();
  }

  get pending(): number {
    return this.buffer.length;
  }
}
