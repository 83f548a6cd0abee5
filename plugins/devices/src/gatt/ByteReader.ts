import { GattFrameError } from './GattFrameError.js';
import { decodeSfloat, type Sfloat } from './sfloat.js';

/** Reads a characteristic value front to back, little-endian as GATT sends it. */
export class ByteReader {
  #at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  #take(field: string, length: number): number {
    if (this.#at + length > this.bytes.length)
      throw new GattFrameError(field, {
        zh: `数据过短：第 ${this.#at} 字节起应有 ${length} 字节，只剩 ${this.bytes.length - this.#at}`,
        en: `too short: ${length} bytes expected at byte ${this.#at}, ${this.bytes.length - this.#at} left`,
      });
    const at = this.#at;
    this.#at += length;
    return at;
  }

  uint8(field: string): number {
    return this.bytes[this.#take(field, 1)]!;
  }

  uint16(field: string): number {
    const at = this.#take(field, 2);
    return this.bytes[at]! | (this.bytes[at + 1]! << 8);
  }

  sint16(field: string): number {
    const value = this.uint16(field);
    return value >= 0x8000 ? value - 0x10000 : value;
  }

  sfloat(field: string): Sfloat {
    return decodeSfloat(this.uint16(field));
  }

  /**
   * The Date Time characteristic's 7 bytes (year, month, day, hours, minutes, seconds) as
   * `YYYY-MM-DDTHH:mm:ss` in the device's own clock, or null when the device does not know the
   * date (year, month or day 0). A value no calendar holds is refused.
   */
  dateTime(field: string): string | null {
    const year = this.uint16(field);
    const [month, day, hours, minutes, seconds] = [0, 0, 0, 0, 0].map(() => this.uint8(field)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (year === 0 || month === 0 || day === 0) return null;
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (
      year < 1582 ||
      year > 9999 ||
      month > 12 ||
      day > lastDay ||
      hours > 23 ||
      minutes > 59 ||
      seconds > 59
    )
      throw new GattFrameError(field, {
        zh: `不是有效的日期时间：${year}-${month}-${day} ${hours}:${minutes}:${seconds}`,
        en: `not a valid date and time: ${year}-${month}-${day} ${hours}:${minutes}:${seconds}`,
      });
    const two = (n: number) => String(n).padStart(2, '0');
    return `${year}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}`;
  }

  /** Refuses bytes after the last field the flags announce. */
  end(field: string): void {
    if (this.#at !== this.bytes.length)
      throw new GattFrameError(field, {
        zh: `数据过长：标志位所示字段之后还有 ${this.bytes.length - this.#at} 字节`,
        en: `too long: ${this.bytes.length - this.#at} bytes after the fields the flags announce`,
      });
  }
}
