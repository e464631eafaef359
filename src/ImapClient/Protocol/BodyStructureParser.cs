using System.Diagnostics.CodeAnalysis;
using System.Text;
using MimeKit;

namespace ImapClient.Protocol;

/// <summary>
/// Parses a BODY or BODYSTRUCTURE (RFC 3501 section 9 <c>body</c>, RFC 9051 for message/global). Every optional or
/// trailing field may be missing; malformed fields that keep the token stream intact cost only their own value.
/// </summary>
/// <remarks>
/// Part specifiers (RFC 3501 6.4.5): a message's multipart body takes the message's own specifier ("" at the top) and numbers its children S.1, S.2 … (just 1, 2 … at the top); a message's single-part body is S.1 (just 1 at the top).
/// </remarks>
internal static class BodyStructureParser
{
    private enum Kind
    {
        Basic,
        Text,
        Message,
    }

    public static BodyPart Parse(ref ImapReader reader)
    {
        // "BODYSTRUCTURE ()" or NIL: the server knows nothing about the structure; an empty multipart says so
        // without inventing a part that a later BODY[1] would fail to fetch.
        return ParseBody(ref reader, "", "1", 0)
            ?? new BodyPartMultipart(new ContentType("multipart", "mixed"), "", []);
    }

    /// <summary>
    /// Reads one <c>body</c>. The caller decides the specifier because it depends on what the body turns out to be:
    /// <paramref name="multipartSpecifier"/> if it is a multipart, <paramref name="singleSpecifier"/> otherwise.
    /// Null for <c>()</c> or NIL, which Domino and others send for a body they could not analyse.
    /// </summary>
    private static BodyPart? ParseBody(ref ImapReader reader, string multipartSpecifier, string singleSpecifier, int depth)
    {
        if (reader.TryReadNil())
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "NIL where a body belongs");
            return null;
        }

        reader.EnterNested(depth);
        reader.Expect((byte)'(');
        var spaces = reader.SkipAnySpaces();
        if (reader.TryConsume((byte)')'))
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "() where a body belongs");
            return null;
        }

        if (spaces > 0)
        {
            reader.Tolerate(ImapQuirks.ExtraSpaces, "a space after '('");
        }

        BodyPart part;
        if (reader.IsNext((byte)'('))
        {
            part = ParseMultipart(ref reader, multipartSpecifier, depth);
        }
        else
        {
            var typeIsNil = NextIsNil(ref reader);
            var type = ReadString(ref reader, depth + 1, "NIL for the media type");
            switch (BodyShapes.AfterType(reader, typeIsNil, depth))
            {
                case BodyShape.ChildlessMultipart:
                    reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a multipart without body parts");
                    part = ParseMultipartRest(ref reader, type, multipartSpecifier, [], depth);
                    break;
                case BodyShape.ChildlessMultipartAfterNil:
                    reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a multipart without body parts");
                    NextField(ref reader);
                    part = ParseMultipartRest(ref reader, ReadString(ref reader, depth + 1, null), multipartSpecifier, [], depth);
                    break;
                case BodyShape.MissingMediaType:
                    reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a body part without its media type");
                    part = ParseSinglePartFields(ref reader, null, type, singleSpecifier, depth);
                    break;
                default:
                    part = ParseSinglePart(ref reader, type, singleSpecifier, depth);
                    break;
            }
        }

        NextField(ref reader);
        reader.Expect((byte)')');
        return part;
    }

    /// <summary><c>1*body SP media-subtype [SP body-ext-mpart]</c>, after the opening parenthesis.</summary>
    private static BodyPartMultipart ParseMultipart(ref ImapReader reader, string specifier, int depth)
    {
        var parts = new List<BodyPart>();
        for (var index = 1; ; index++)
        {
            var spaces = reader.SkipSpaces();
            if (!reader.IsNext((byte)'('))
            {
                if (spaces == 0 && !reader.IsNext((byte)')'))
                {
                    reader.Tolerate(ImapQuirks.SloppyBodyStructure, "no space before the multipart subtype");
                }

                break;
            }

            if (spaces > 0)
            {
                reader.Tolerate(ImapQuirks.ExtraSpaces, "a space between body parts");
            }

            // The index counts children the server could not describe too, so that later specifiers stay right.
            var child = PartSpecifiers.Child(specifier, index);
            if (ParseBody(ref reader, child, child, depth + 1) is { } part)
            {
                parts.Add(part);
            }
        }

        string? subtype = null;
        if (reader.IsNext((byte)')'))
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a multipart without its subtype");
        }
        else
        {
            subtype = ReadString(ref reader, depth + 1, "NIL for the multipart subtype");
        }

        return ParseMultipartRest(ref reader, subtype, specifier, parts, depth);
    }

    /// <summary>What follows the subtype of a multipart: <c>[SP body-ext-mpart]</c>.</summary>
    private static BodyPartMultipart ParseMultipartRest(
        ref ImapReader reader, string? subtype, string specifier, List<BodyPart> parts, int depth)
    {
        var contentType = new ContentType("multipart", Normalize(subtype, "mixed"));
        var extension = new Extension();
        ReadExtensions(ref reader, contentType, ref extension, multipart: true, depth);
        return new BodyPartMultipart(contentType, specifier, parts)
        {
            ContentDisposition = extension.Disposition,
            ContentLanguage = extension.Language,
            ContentLocation = extension.Location,
        };
    }

    /// <summary>
    /// <c>body-type-basic / body-type-text / body-type-msg</c> and <c>[SP body-ext-1part]</c>, after the type. Whatever
    /// the media type says, the shape wins: a message/rfc822 without an envelope is read as a basic part, and GMX's
    /// ("multipart" "related" …) written as a basic part stays an opaque leaf.
    /// </summary>
    private static BodyPartBasic ParseSinglePart(ref ImapReader reader, string? type, string specifier, int depth)
    {
        string? subtype = null;
        if (NextField(ref reader))
        {
            subtype = ReadString(ref reader, depth + 1, "NIL for the media subtype");
        }
        else
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a body part that ends before its required fields");
        }

        return ParseSinglePartFields(ref reader, type, subtype, specifier, depth);
    }

    /// <summary>A single part after its type and subtype.</summary>
    private static BodyPartBasic ParseSinglePartFields(ref ImapReader reader, string? type, string? subtype, string specifier, int depth)
    {
        var contentType = new ContentType(Normalize(type, "application"), Normalize(subtype, "octet-stream"));
        var kind = KindOf(contentType);
        var fields = new Fields { Encoding = "7BIT" };
        ReadBodyFields(ref reader, contentType, kind, ref fields, specifier, depth);

        var extension = new Extension();
        ReadExtensions(ref reader, contentType, ref extension, multipart: false, depth);

        // Built as the kind it is straight away: no basic part made first and copied into a text or message part.
        var basic = new BasicPartFields(
            fields.Id, fields.Description, fields.Encoding, fields.Octets, extension.Md5, extension.Disposition, extension.Language, extension.Location);
        return kind switch
        {
            Kind.Text => new BodyPartText(contentType, specifier, basic) { Lines = fields.Lines },
            Kind.Message => new BodyPartMessage(contentType, specifier, basic) { Envelope = fields.Envelope, Body = fields.Body, Lines = fields.Lines },
            _ => new BodyPartBasic(contentType, specifier, basic),
        };
    }

    private static Kind KindOf(ContentType contentType)
    {
        if (contentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.Text;
        }

        return contentType.MediaType.Equals("message", StringComparison.OrdinalIgnoreCase)
            && (contentType.MediaSubtype.Equals("rfc822", StringComparison.OrdinalIgnoreCase)
                || contentType.MediaSubtype.Equals("global", StringComparison.OrdinalIgnoreCase))
            ? Kind.Message
            : Kind.Basic;
    }

    private struct Fields
    {
        public string? Id;
        public string? Description;
        public string Encoding;
        public long Octets;
        public long Lines;
        public Envelope? Envelope;
        public BodyPart? Body;
    }

    private struct Extension
    {
        public string? Md5;
        public ContentDisposition? Disposition;
        public IReadOnlyList<string>? Language;
        public string? Location;
    }

    /// <summary>
    /// True when another value follows before the closing parenthesis of the current list (which is left to read).
    /// Missing spaces between fields are sloppy BODYSTRUCTURE syntax.
    /// </summary>
    private static bool NextField(ref ImapReader reader, bool first = false) =>
        reader.MoreInList(first, missingSpace: ImapQuirks.SloppyBodyStructure);

    /// <summary>An nstring field; NIL where the grammar wants a string, and atoms or lists in its place, are sloppy.</summary>
    private static string? ReadString(ref ImapReader reader, int depth, string? nilDefect)
    {
        if (nilDefect is not null && NextIsNil(ref reader))
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, nilDefect);
        }

        return reader.TryReadCommonToken(out var token) ? token : EnvelopeParser.ReadNString(ref reader, depth, ImapQuirks.SloppyBodyStructure);
    }

    private static void MissingFields(ref ImapReader reader) =>
        reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a body part that ends before its required fields");

    private static bool NextIsNil(ref ImapReader reader)
    {
        var probe = reader;
        return probe.TryReadNil();
    }

    /// <summary>
    /// <c>body-fields</c> and the type-specific tail: lines for text, envelope + body + lines for a message. Returns
    /// early, leaving the rest at their defaults, when the server stops sending fields.
    /// </summary>
    private static void ReadBodyFields(
        ref ImapReader reader, ContentType contentType, Kind kind, ref Fields fields, string specifier, int depth)
    {
        if (!NextField(ref reader))
        {
            MissingFields(ref reader);
            return;
        }

        ReadParameters(ref reader, contentType.Parameters, depth + 1);
        if (!NextField(ref reader))
        {
            MissingFields(ref reader);
            return;
        }

        fields.Id = ReadString(ref reader, depth + 1, null);
        if (!NextField(ref reader))
        {
            MissingFields(ref reader);
            return;
        }

        fields.Description = EnvelopeParser.DecodeText(ReadString(ref reader, depth + 1, null));
        if (!NextField(ref reader))
        {
            MissingFields(ref reader);
            return;
        }

        // iCloud and maddy send NIL for a part without a Content-Transfer-Encoding header: 7BIT, its default.
        var encoding = ReadString(ref reader, depth + 1, "NIL for the transfer encoding");
        if (!string.IsNullOrEmpty(encoding))
        {
            fields.Encoding = CommonTokens.Shared(encoding.ToUpperInvariant());
        }

        if (!NextField(ref reader))
        {
            MissingFields(ref reader);
            return;
        }

        fields.Octets = ReadSize(ref reader, depth + 1);
        if (kind == Kind.Text)
        {
            // A string here is already the MD5 of a server that left the line count out.
            if (NextField(ref reader) && NextIsSize(ref reader))
            {
                fields.Lines = ReadSize(ref reader, depth + 1);
            }
            else
            {
                MissingFields(ref reader);
            }
        }
        else if (kind == Kind.Message)
        {
            ReadMessageFields(ref reader, ref fields, specifier, depth);
        }
    }

    /// <summary>
    /// <c>envelope SP body SP body-fld-lines</c> of a message/rfc822 part. Gmail has sent such a part in the shape of a
    /// basic part (md5 and disposition right after the size); then these fields are missing and the extension
    /// fields follow.
    /// </summary>
    private static void ReadMessageFields(ref ImapReader reader, ref Fields fields, string specifier, int depth)
    {
        if (!NextField(ref reader) || !BodyShapes.MessageFieldsFollow(reader, depth))
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a message part without its envelope, body and line count");
            return;
        }

        if (reader.TryReadNil())
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "NIL where the envelope belongs");
        }
        else
        {
            fields.Envelope = EnvelopeParser.Parse(ref reader, depth + 1);
        }

        if (!NextField(ref reader))
        {
            MissingFields(ref reader);
            return;
        }

        if (NextIsSize(ref reader))
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a message part without its body");
        }
        else
        {
            fields.Body = ParseBody(ref reader, specifier, PartSpecifiers.Child(specifier, 1), depth + 1);
            if (!NextField(ref reader))
            {
                MissingFields(ref reader);
                return;
            }
        }

        if (NextIsSize(ref reader))
        {
            fields.Lines = ReadSize(ref reader, depth + 1);
        }
        else
        {
            MissingFields(ref reader);
        }
    }

    /// <summary>
    /// <c>body-ext-1part</c> (md5 first) or <c>body-ext-mpart</c> (parameters first), then disposition, language,
    /// location; later extensions are skipped.
    /// </summary>
    private static void ReadExtensions(
        ref ImapReader reader, ContentType contentType, ref Extension extension, bool multipart, int depth)
    {
        for (var index = 0; NextField(ref reader); index++)
        {
            switch (index)
            {
                case 0 when multipart:
                    ReadParameters(ref reader, contentType.Parameters, depth + 1);
                    break;
                case 0:
                    extension.Md5 = ReadString(ref reader, depth + 1, null);
                    break;
                case 1:
                    extension.Disposition = ReadDisposition(ref reader, depth + 1);
                    break;
                case 2:
                    extension.Language = ReadLanguage(ref reader, depth + 1);
                    break;
                case 3:
                    extension.Location = ReadString(ref reader, depth + 1, null);
                    break;
                default:
                    reader.SkipValue(depth + 1);
                    break;
            }
        }
    }

    /// <summary>Whether the next value is where a size belongs: a number, or what a broken server sends instead.</summary>
    private static bool NextIsSize(ref ImapReader reader) => reader.NextIsDigit || reader.IsNext((byte)'-') || NextIsNil(ref reader);

    /// <summary>
    /// <c>body-fld-octets</c> or <c>body-fld-lines</c>. NIL, a negative number (Exchange's <c>-1</c>) or any other
    /// value where the number belongs counts as 0.
    /// </summary>
    private static long ReadSize(ref ImapReader reader, int depth)
    {
        if (reader.NextIsDigit)
        {
            var value = reader.ReadNumber64();
            return value > long.MaxValue ? long.MaxValue : (long)value;
        }

        reader.Tolerate(ImapQuirks.NilBodyPartSizes, "a body part size that is no number");
        reader.SkipValue(depth);
        return 0;
    }

    /// <summary>
    /// <c>body-fld-param</c>: <c>"(" string SP string *(SP string SP string) ")" / nil</c>. A NIL value (mail.ru's
    /// <c>("boundary" NIL)</c>) drops that parameter. Names with <c>*</c> (RFC 2231) and values holding encoded words
    /// (RFC 2047, which mailers use in filenames anyway) are decoded by MimeKit's own header parser.
    /// </summary>
    private static void ReadParameters(ref ImapReader reader, ParameterList target, int depth)
    {
        if (!reader.IsNext((byte)'('))
        {
            if (!reader.TryReadNil())
            {
                reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a string where a parameter list belongs");
                reader.SkipValue(depth);
            }

            return;
        }

        reader.EnterNested(depth);
        reader.Expect((byte)'(');
        List<(string Name, string Value)>? encoded = null;
        var count = 0;
        for (; NextField(ref reader, count == 0); count++)
        {
            var name = ReadString(ref reader, depth + 1, "NIL for a parameter name");
            if (!NextField(ref reader))
            {
                reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a parameter without a value");
                break;
            }

            var value = ReadString(ref reader, depth + 1, "NIL for a parameter value");
            if (name is null || value is null)
            {
                continue;
            }

            if (name.Contains('*', StringComparison.Ordinal) || value.Contains("=?", StringComparison.Ordinal))
            {
                (encoded ??= []).Add((name, value));
            }
            else if (IsParameterName(name))
            {
                target[name] = value;
            }
        }

        reader.Expect((byte)')');
        if (count == 0)
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "an empty parameter list");
        }

        if (encoded is not null)
        {
            AddEncodedParameters(target, encoded);
        }
    }

    private static void AddEncodedParameters(ParameterList target, List<(string Name, string Value)> encoded)
    {
        var header = new StringBuilder("application/octet-stream");
        foreach (var (name, value) in encoded)
        {
            header.Append("; ").Append(name).Append("=\"");
            foreach (var c in value)
            {
                if (c is '"' or '\\')
                {
                    header.Append('\\');
                }

                header.Append(c);
            }

            header.Append('"');
        }

        if (ContentType.TryParse(EnvelopeParser.TextOptions, header.ToString(), out var parsed))
        {
            foreach (var parameter in parsed.Parameters)
            {
                target[parameter.Name] = parameter.Value;
            }

            return;
        }

        // MimeKit could not make sense of them: keep the plain ones raw rather than lose them.
        foreach (var (name, value) in encoded)
        {
            if (IsParameterName(name))
            {
                target[name] = value;
            }
        }
    }

    /// <summary>
    /// <c>body-fld-dsp</c>: <c>"(" string SP body-fld-param ")" / nil</c>. Exchange sends a bare <c>"inline"</c>,
    /// which is accepted; other strings in this slot (a Content-Description, seen on multiparts) are not
    /// dispositions and give null, as does Exchange's <c>(NIL NIL)</c>.
    /// </summary>
    private static ContentDisposition? ReadDisposition(ref ImapReader reader, int depth)
    {
        if (!reader.IsNext((byte)'('))
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a string where the disposition list belongs");
            return CreateDisposition(ReadString(ref reader, depth, null));
        }

        reader.EnterNested(depth);
        reader.Expect((byte)'(');
        ContentDisposition? disposition = null;
        var index = 0;
        for (; NextField(ref reader, index == 0); index++)
        {
            if (index == 0)
            {
                disposition = CreateDisposition(ReadString(ref reader, depth + 1, "NIL for the disposition"));
            }
            else if (index == 1 && disposition is not null)
            {
                ReadParameters(ref reader, disposition.Parameters, depth + 1);
            }
            else
            {
                if (index > 1)
                {
                    reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a disposition with more than two fields");
                }

                reader.SkipValue(depth + 1);
            }
        }

        reader.Expect((byte)')');
        if (index < 2)
        {
            reader.Tolerate(ImapQuirks.SloppyBodyStructure, "a disposition without its parameter list");
        }

        return disposition;
    }

    /// <summary>MimeKit throws for a disposition that is not an RFC 5322 atom; such a value is not one anyway.</summary>
    private static ContentDisposition? CreateDisposition(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var c in value)
        {
            if (!IsAtomChar(c))
            {
                return null;
            }
        }

#pragma warning disable CA1308 // MIME tokens are conventionally lower case, and callers compare them so; not a round-trip to the server.
        return new ContentDisposition(CommonTokens.Shared(value.ToLowerInvariant()));
#pragma warning restore CA1308
    }

    /// <summary><c>body-fld-lang</c>: <c>nstring / "(" string *(SP string) ")"</c>.</summary>
    private static List<string>? ReadLanguage(ref ImapReader reader, int depth)
    {
        if (!reader.IsNext((byte)'('))
        {
            return ReadString(ref reader, depth, null) is { } single ? [single] : null;
        }

        reader.EnterNested(depth);
        reader.Expect((byte)'(');
        var languages = new List<string>();
        for (var first = true; NextField(ref reader, first); first = false)
        {
            if (ReadString(ref reader, depth + 1, "NIL in a language list") is { } language)
            {
                languages.Add(language);
            }
        }

        reader.Expect((byte)')');
        return languages;
    }

    /// <summary>Media types are case-insensitive; lower case lets callers compare MimeType with plain equality.</summary>
    [SuppressMessage("Globalization", "CA1308", Justification = "Lower case is the MIME convention callers compare against (text/plain).")]
    private static string Normalize(string? value, string fallback) =>
        string.IsNullOrEmpty(value) ? fallback : CommonTokens.Shared(value.ToLowerInvariant());

    /// <summary>RFC 2231 attribute-char, which is what MimeKit accepts as a parameter name.</summary>
    private static bool IsParameterName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is <= ' ' or >= (char)127 or '(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"'
                or '/' or '[' or ']' or '?' or '=' or '*' or '\'' or '%')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 5322 atext.</summary>
    private static bool IsAtomChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/'
            or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~';
}
