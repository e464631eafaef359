using System.Text;
using MimeKit;

namespace ImapClient.Protocol;

/// <summary>
/// One MimeKit header per field name and thread, made once by
/// <see cref="Header.TryParse(ParserOptions, byte[], int, int, out Header)"/> and then only cloned: a FETCH of header
/// sections repeats the same dozen names thousands of times, and making each field afresh costs a copy of the parser
/// options, the name's string and its bytes. Per thread, so no lock; bounded, so a server inventing names cannot grow
/// it without end.
/// </summary>
internal sealed class HeaderTemplates
{
    private const int MaxNames = 512;

    // Longer names are legal but rare; their sections go to MimeKit's parser rather than to a heap buffer here.
    private const int MaxNameLength = 128;

    [ThreadStatic]
    private static HeaderTemplates? _current;

    private readonly Dictionary<string, Header> _byName = new(StringComparer.Ordinal);
    private Settings _settings;

    private HeaderTemplates() => _settings = Settings.Of(ParserOptions.Default);

    /// <summary>
    /// This thread's templates. MimeKit's parser copies <see cref="ParserOptions.Default"/> for every section, and a
    /// header decodes its value with the options it was made with, so templates made before the application changed
    /// the defaults are dropped.
    /// </summary>
    public static HeaderTemplates ForCurrentThread()
    {
        var templates = _current ??= new HeaderTemplates();
        var settings = Settings.Of(ParserOptions.Default);
        if (settings != templates._settings)
        {
            templates._byName.Clear();
            templates._settings = settings;
        }

        return templates;
    }

    /// <summary>The template for the ASCII name at <paramref name="start"/>, which a colon follows; null if MimeKit would not make a header of it.</summary>
    public Header? Get(byte[] buffer, int start, int nameLength)
    {
        if (nameLength > MaxNameLength)
        {
            return null;
        }

        Span<char> name = stackalloc char[nameLength];
        Encoding.ASCII.GetChars(buffer.AsSpan(start, nameLength), name);
        if (_byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var template))
        {
            return template;
        }

        // The name and its colon alone. A name MimeKit reads differently from the bytes is left to its parser.
        if (!Header.TryParse(ParserOptions.Default, buffer, start, nameLength + 1, out template) || !name.SequenceEqual(template.Field))
        {
            return null;
        }

        if (_byName.Count == MaxNames)
        {
            _byName.Clear();
        }

        _byName.Add(template.Field, template);
        return template;
    }

    /// <summary>What of <see cref="ParserOptions"/> an application can change.</summary>
    private readonly record struct Settings(
        RfcComplianceMode AddressParserComplianceMode,
        bool AllowUnquotedCommasInAddresses,
        bool AllowAddressesWithoutDomain,
        int MaxAddressGroupDepth,
        int MaxMimeDepth,
        RfcComplianceMode ParameterComplianceMode,
        RfcComplianceMode Rfc2047ComplianceMode,
        bool RespectContentLength,
        Encoding CharsetEncoding)
    {
        public static Settings Of(ParserOptions options) => new(
            options.AddressParserComplianceMode, options.AllowUnquotedCommasInAddresses, options.AllowAddressesWithoutDomain,
            options.MaxAddressGroupDepth, options.MaxMimeDepth, options.ParameterComplianceMode, options.Rfc2047ComplianceMode,
            options.RespectContentLength, options.CharsetEncoding);
    }
}
