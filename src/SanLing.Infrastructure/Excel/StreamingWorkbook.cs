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
/// </summary>
internal sealed class StreamingWorkbook : IDisposable
{
    // Cell styles (styles.xml cellXfs): 0 plain, 1 header, 2 text with quote prefix, 3 date yyyy-mm-dd.
    private const int HeaderStyle = 1;
    private const int QuotedStyle = 2;
    private const int DateStyle = 3;
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private SheetWriter? _open;

    public StreamingWorkbook(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);

    /// <summary>Starts the next sheet with its header row; the previous sheet is finished first.</summary>
    public SheetWriter AddSheet(string name, IReadOnlyList<string> headers)
    {
        _open?.Dispose();
        _sheets.Add(name);
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest);
        _open = new SheetWriter(entry.Open(), headers);
        return _open;
    }

    public void Dispose()
    {
        _open?.Dispose();
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

    private const string Styles = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""";

    /// <summary>One sheet being written: <see cref="Row"/> starts a row, the cell methods fill it left to right.</summary>
    internal sealed class SheetWriter : IDisposable
    {
        private readonly Stream _stream;
        private readonly XmlWriter _xml;
        private int _row;
        private int _column;
        private bool _inRow;

        public SheetWriter(Stream stream, IReadOnlyList<string> headers)
        {
            _stream = stream;
            _xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CheckCharacters = false });
            _xml.WriteStartDocument(true);
            _xml.WriteStartElement("worksheet", Main);
            _xml.WriteRaw("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>""");
            for (var i = 0; i < headers.Count; i++)
            {
                // The same widths as ExcelCells.WriteHeader.
                var width = Math.Max(16, headers[i].Length * 2 + 4).ToString(CultureInfo.InvariantCulture);
                _xml.WriteRaw($"""<col min="{i + 1}" max="{i + 1}" width="{width}" customWidth="1"/>""");
            }
            _xml.WriteRaw("</cols>");
            _xml.WriteStartElement("sheetData", Main);
            Row();
            foreach (var header in headers)
            {
                Inline(header, HeaderStyle);
            }
        }

        /// <summary>Rows written so far, the header row included.</summary>
        public int Rows => _row;

        public SheetWriter Row()
        {
            EndRow();
            _row++;
            _column = 0;
            _xml.WriteStartElement("row", Main);
            _xml.WriteAttributeString("r", _row.ToString(CultureInfo.InvariantCulture));
            _inRow = true;
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
            StartCell(DateStyle, type: null);
            var serial = date.ToDateTime(TimeOnly.MinValue).ToOADate();
            _xml.WriteElementString("v", Main, serial.ToString(CultureInfo.InvariantCulture));
            _xml.WriteEndElement();
            return this;
        }

        private SheetWriter Inline(string value, int style)
        {
            StartCell(style, "inlineStr");
            _xml.WriteStartElement("is", Main);
            _xml.WriteStartElement("t", Main);
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
            _xml.WriteStartElement("c", Main);
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

        public void Dispose()
        {
            EndRow();
            _xml.WriteEndElement(); // sheetData
            _xml.WriteEndElement(); // worksheet
            _xml.WriteEndDocument();
            _xml.Dispose();
            _stream.Dispose();
        }
    }
}
