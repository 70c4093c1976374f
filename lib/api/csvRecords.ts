/**
 * An incremental CSV record splitter (RFC 4180: comma separator, double-quoted fields with ""
 * escapes, CRLF or LF line ends): text is pushed a chunk at a time and every complete record is
 * handed to a callback as soon as its line ends. Each character is looked at once — the work is
 * linear in the body, whatever the chunk boundaries — and the caller may stop at any record
 * (by throwing from the callback), so a body far over a record limit costs only the records
 * read up to that limit.
 */

export class CsvSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
/** The next character that ends or starts something in an unquoted field. */
const SPECIAL = /[,\n\r"]/g;

export class CsvRecordSplitter {
  private cells: string[] = [];
  private field = '';
  /** Inside a quoted field. */
  private quoted = false;
  /** The last character read inside a quoted field was a quote: either "" or the closing one. */
  private quoteSeen = false;
  /** The current field started with a quote (text after its closing quote is kept as is). */
  private fieldWasQuoted = false;

  /** Splits `chunk`, calling `onRecord` for each record that ends inside it (blank lines are skipped). */
  push(chunk: string, onRecord: (cells: string[]) => void): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (chunk.charCodeAt(i) === QUOTE) {
            this.field += '"';
            i++;
            continue;
          }
          this.quoted = false; // that quote closed the field; this character is read unquoted below
          continue;
        }
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          this.field += chunk.slice(i);
          return;
        }
        this.field += chunk.slice(i, q);
        this.quoteSeen = true;
        i = q + 1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === COMMA) {
        this.endField();
        i++;
      } else if (c === LF) {
        this.endRecord(onRecord);
        i++;
      } else if (c === CR) {
        i++; // CRLF line ends; a CR elsewhere outside quotes carries nothing
      } else if (c === QUOTE && this.field === '' && !this.fieldWasQuoted) {
        this.quoted = true;
        this.fieldWasQuoted = true;
        i++;
      } else {
        SPECIAL.lastIndex = c === QUOTE ? i + 1 : i;
        const m = SPECIAL.exec(chunk);
        const end = m ? m.index : n;
        this.field += chunk.slice(i, end);
        i = end;
      }
    }
  }

  /** Ends the text: the last record, if the text did not end with a line end. Throws on an open quote. */
  end(onRecord: (cells: string[]) => void): void {
    if (this.quoted && !this.quoteSeen) throw new CsvSyntaxError('unterminated quoted field');
    this.quoted = false;
    this.quoteSeen = false;
    if (this.field !== '' || this.cells.length > 0 || this.fieldWasQuoted) this.endRecord(onRecord);
  }

  private endField(): void {
    this.cells.push(this.field);
    this.field = '';
    this.fieldWasQuoted = false;
  }

  private endRecord(onRecord: (cells: string[]) => void): void {
    const quotedEmpty = this.fieldWasQuoted;
    this.endField();
    const cells = this.cells;
    this.cells = [];
    if (cells.length === 1 && !quotedEmpty && cells[0].trim() === '') return; // blank line
    onRecord(cells);
  }
}
