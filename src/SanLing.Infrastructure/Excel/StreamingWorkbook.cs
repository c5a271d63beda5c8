using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SanLing.Infrastructure.Excel;

/// <summary>
/// A minimal .xlsx written row by row, for ledgers too large for ClosedXML 0.95 (which builds every cell as an object
/// before saving: 9.5 s for the 71 000 inspections of the demo town). Sheets are written one after another, each row
/// as soon as it is read; text is inline (no shared-string table to hold), dates are real dates, and the cells follow
/// the rules of <see cref="ExcelCells"/> (text stays text, a leading = + - @ gets Excel's quote prefix). The header row
/// looks like the ClosedXML templates' (bold, blue fill, frozen), so an export still re-imports through ClosedXML.
/// A sheet whose header is known only at its end (columns found while its rows are read) is written in two steps:
/// its rows into a stream of their own (<see cref="RowsInto"/>), then <see cref="AddSheet(string, IReadOnlyList{string}, IReadOnlyList{double}, Stream)"/>.
/// </summary>
public sealed class StreamingWorkbook : IDisposable
{
    /// <summary>The number formats a <see cref="SheetWriter.Number"/> cell may carry (styles.xml is fixed).</summary>
    public const string PercentFormat = "0.0%";
    public const string WholePercentFormat = "0%";

    // Cell styles (styles.xml cellXfs): 0 plain, 1 header, 2 text with quote prefix, 3 date yyyy-mm-dd, 4 number,
    // 5 percent 0.0%, 6 percent 0%; then the same seven in bold (a total row), at + BoldStyles.
    private const int HeaderStyle = 1;
    private const int QuotedStyle = 2;
    private const int DateStyle = 3;
    private const int NumberStyle = 4;
    private const int PercentStyle = 5;
    private const int WholePercentStyle = 6;
    private const int BoldStyles = 7;
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private SheetWriter? _open;

    public StreamingWorkbook(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);

    /// <summary>The width of a header's column when none is given (the same as ExcelCells.WriteHeader).</summary>
    public static double WidthOf(string header, int minimum = 16) => Math.Max(minimum, header.Length * 2 + 4);

    /// <summary>Starts the next sheet with its header row; the previous sheet is finished first.</summary>
    public SheetWriter AddSheet(string name, IReadOnlyList<string> headers, IReadOnlyList<double>? widths = null)
    {
        var sheet = new SheetWriter(NextSheet(name), ownsStream: true, firstRow: 1);
        sheet.WriteHeader(headers, widths ?? headers.Select(h => WidthOf(h)).ToList());
        _open = sheet;
        return sheet;
    }

    /// <summary>
    /// Adds a sheet whose rows were written before (<see cref="RowsInto"/>, from the start of <paramref name="rows"/>),
    /// under the header row known now; the previous sheet is finished first.
    /// </summary>
    public void AddSheet(string name, IReadOnlyList<string> headers, IReadOnlyList<double> widths, Stream rows)
    {
        using var sheet = new SheetWriter(NextSheet(name), ownsStream: true, firstRow: 1);
        sheet.WriteHeader(headers, widths);
        sheet.CopyRows(rows);
    }

    /// <summary>A writer of rows (from row 2, the header row left for later) into a stream it leaves open.</summary>
    public static SheetWriter RowsInto(Stream rows) => new(rows, ownsStream: false, firstRow: 2);

    private Stream NextSheet(string name)
    {
        _open?.Dispose();
        _open = null;
        _sheets.Add(name);
        return _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest).Open();
    }

    public void Dispose()
    {
        _open?.Dispose();
        _open = null;
        Write("[Content_Types].xml", ContentTypes());
        Write("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Write("xl/workbook.xml", WorkbookXml());
        Write("xl/_rels/workbook.xml.rels", WorkbookRels());
        Write("xl/styles.xml", Styles);
        _zip.Dispose();
    }

    private void Write(string path, string xml)
    {
        using var writer = new StreamWriter(_zip.CreateEntry(path, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }

    private string ContentTypes()
    {
        var sheets = string.Concat(Enumerable.Range(1, _sheets.Count).Select(i =>
            $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""));
        return """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
            + sheets + "</Types>";
    }

    private string WorkbookXml()
    {
        var sheets = string.Concat(_sheets.Select((name, i) =>
            $"""<sheet name="{SecurityElementEscape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>""";
    }

    private string WorkbookRels()
    {
        var rels = string.Concat(Enumerable.Range(1, _sheets.Count).Select(i =>
            $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"""));
        return """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
            + rels + $"""<Relationship Id="rId{_sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""";
    }

    private static string SecurityElementEscape(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    private static readonly string Styles = StylesXml();

    /// <summary>The seven cell styles, then the same in bold (font 1).</summary>
    private static string StylesXml()
    {
        // (number format, fill, quote prefix): plain text, header, quoted text, date, number, 0.0%, 0%.
        (int Format, int Fill, bool Quote)[] styles = [(49, 0, false), (49, 2, false), (49, 0, true), (164, 0, false), (0, 0, false), (165, 0, false), (9, 0, false)];
        var xfs = new StringBuilder();
        foreach (var bold in new[] { false, true })
        {
            foreach (var (format, fill, quote) in styles)
            {
                var font = bold || fill != 0 ? 1 : 0;
                xfs.Append(CultureInfo.InvariantCulture, $"""<xf numFmtId="{format}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0" applyNumberFormat="1"{(font != 0 ? " applyFont=\"1\"" : "")}{(fill != 0 ? " applyFill=\"1\"" : "")}{(quote ? " quotePrefix=\"1\"" : "")}/>""");
            }
        }
        return """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"""
            + $"""<cellXfs count="{styles.Length * 2}">{xfs}</cellXfs>"""
            + """<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""";
    }

    /// <summary>
    /// One sheet being written: <see cref="Row"/> starts a row, the cell methods fill it left to right (<see cref="At"/>
    /// skips to a column). Rows are an XML fragment without namespace prefixes, so rows written into a stream of their
    /// own (<see cref="RowsInto"/>) are copied as they are under a header written later.
    /// </summary>
    public sealed class SheetWriter : IDisposable
    {
        private readonly Stream _stream;
        private readonly bool _ownsStream;
        private readonly XmlWriter _xml;
        private int _row;
        private int _column;
        private bool _inRow;
        private bool _started;
        private bool _disposed;
        private int _bold;

        internal SheetWriter(Stream stream, bool ownsStream, int firstRow)
        {
            _stream = stream;
            _ownsStream = ownsStream;
            _row = firstRow - 1;
            _xml = XmlWriter.Create(stream, new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false), CheckCharacters = false, ConformanceLevel = ConformanceLevel.Fragment, CloseOutput = false,
            });
        }

        /// <summary>The sheet's start (first row frozen, column widths) and its header row.</summary>
        internal void WriteHeader(IReadOnlyList<string> headers, IReadOnlyList<double> widths)
        {
            _xml.WriteRaw($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>""");
            if (headers.Count > 0)
            {
                _xml.WriteRaw("<cols>");
                for (var i = 0; i < headers.Count; i++)
                {
                    var width = widths[i].ToString(CultureInfo.InvariantCulture);
                    _xml.WriteRaw($"""<col min="{i + 1}" max="{i + 1}" width="{width}" customWidth="1"/>""");
                }
                _xml.WriteRaw("</cols>");
            }
            _xml.WriteRaw("<sheetData>");
            _started = true;
            Row();
            foreach (var header in headers)
            {
                Inline(header, HeaderStyle);
            }
        }

        /// <summary>Rows written before by a writer of <see cref="RowsInto"/> follow the header row as they are.</summary>
        internal void CopyRows(Stream rows)
        {
            EndRow();
            _xml.Flush();
            rows.Position = 0;
            rows.CopyTo(_stream);
        }

        /// <summary>Rows written so far, the header row included.</summary>
        public int Rows => _row;

        /// <summary>Starts the next row; a bold row (a total) has all its cells in bold.</summary>
        public SheetWriter Row(bool bold = false)
        {
            EndRow();
            _row++;
            _column = 0;
            _bold = bold ? BoldStyles : 0;
            _xml.WriteStartElement("row");
            _xml.WriteAttributeString("r", _row.ToString(CultureInfo.InvariantCulture));
            _inRow = true;
            return this;
        }

        /// <summary>The next cell goes into <paramref name="column"/> (1-based, right of the cells written).</summary>
        public SheetWriter At(int column)
        {
            if (column <= _column)
            {
                throw new ArgumentOutOfRangeException(nameof(column), column, "Cells are written left to right.");
            }
            _column = column - 1;
            return this;
        }

        /// <summary>A text cell (nothing for null or empty, as an empty ClosedXML text cell reads back).</summary>
        public SheetWriter Text(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                _column++;
                return this;
            }
            return Inline(value, "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? QuotedStyle : 0);
        }

        public SheetWriter Date(DateOnly? value)
        {
            if (value is not { } date)
            {
                _column++;
                return this;
            }
            return Value(date.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle);
        }

        /// <summary>A number cell (nothing for null), plain or shown as <see cref="PercentFormat"/> or <see cref="WholePercentFormat"/>.</summary>
        public SheetWriter Number(double? value, string? format = null)
        {
            var style = format switch
            {
                null or "" or "General" => NumberStyle,
                PercentFormat => PercentStyle,
                WholePercentFormat => WholePercentStyle,
                _ => throw new ArgumentOutOfRangeException(nameof(format), format, "styles.xml has no such number format."),
            };
            if (value is not { } number)
            {
                _column++;
                return this;
            }
            return Value(number, style);
        }

        private SheetWriter Value(double value, int style)
        {
            StartCell(style, type: null);
            _xml.WriteElementString("v", value.ToString("R", CultureInfo.InvariantCulture));
            _xml.WriteEndElement();
            return this;
        }

        private SheetWriter Inline(string value, int style)
        {
            StartCell(style, "inlineStr");
            _xml.WriteStartElement("is");
            _xml.WriteStartElement("t");
            if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            {
                _xml.WriteAttributeString("xml", "space", null, "preserve");
            }
            _xml.WriteString(XmlSafe(value));
            _xml.WriteEndElement();
            _xml.WriteEndElement();
            _xml.WriteEndElement();
            return this;
        }

        private void StartCell(int style, string? type)
        {
            _column++;
            if (style != HeaderStyle)
            {
                style += _bold;
            }
            _xml.WriteStartElement("c");
            _xml.WriteAttributeString("r", ColumnName(_column) + _row.ToString(CultureInfo.InvariantCulture));
            if (style != 0)
            {
                _xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            }
            if (type is not null)
            {
                _xml.WriteAttributeString("t", type);
            }
        }

        private void EndRow()
        {
            if (_inRow)
            {
                _xml.WriteEndElement();
                _inRow = false;
            }
        }

        private static string ColumnName(int column)
        {
            var name = "";
            for (var c = column; c > 0; c = (c - 1) / 26)
            {
                name = (char)('A' + (c - 1) % 26) + name;
            }
            return name;
        }

        /// <summary>Characters XML 1.0 cannot carry (control characters pasted into a description) are dropped.</summary>
        private static string XmlSafe(string value)
        {
            foreach (var ch in value)
            {
                if (!XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch))
                {
                    return string.Concat(value.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)));
                }
            }
            return value;
        }

        /// <summary>Ends the sheet; a writer of <see cref="RowsInto"/> only flushes its rows into its stream.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            EndRow();
            if (_started)
            {
                _xml.WriteRaw("</sheetData></worksheet>");
            }
            _xml.Dispose();
            if (_ownsStream)
            {
                _stream.Dispose();
            }
        }
    }
}
