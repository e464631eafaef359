using MimeKit;

namespace ImapClient;

/// <summary>One node of a BODYSTRUCTURE (or BODY) tree.</summary>
public abstract class BodyPart
{
    private protected BodyPart(ContentType contentType, string partSpecifier)
    {
        ContentType = contentType;
        PartSpecifier = partSpecifier;
    }

    /// <summary>The media type and its parameters (charset, boundary, name …).</summary>
    public ContentType ContentType { get; }

    /// <summary>
    /// The section number to use in <c>BODY[…]</c> for this part: empty for the top level of a message, otherwise
    /// <c>1</c>, <c>1.2</c> and so on.
    /// </summary>
    public string PartSpecifier { get; }

    /// <summary>The Content-Disposition (extension data), or null.</summary>
    public ContentDisposition? ContentDisposition { get; init; }

    /// <summary>The Content-Language values (extension data), or null.</summary>
    public IReadOnlyList<string>? ContentLanguage { get; init; }

    /// <summary>The Content-Location (extension data), or null.</summary>
    public string? ContentLocation { get; init; }
}

/// <summary>A single (non-multipart) part.</summary>
public class BodyPartBasic : BodyPart
{
    /// <summary>Creates a basic part. Parts come from the parser only, so the hierarchy stays closed.</summary>
    /// <param name="contentType">The media type.</param>
    /// <param name="partSpecifier">The section number.</param>
    internal BodyPartBasic(ContentType contentType, string partSpecifier) : base(contentType, partSpecifier) { }

    /// <summary>A part of any kind (basic, text, message) with the fields the parser read, built in one go.</summary>
    internal BodyPartBasic(ContentType contentType, string partSpecifier, in BasicPartFields fields) : base(contentType, partSpecifier)
    {
        ContentId = fields.Id;
        ContentDescription = fields.Description;
        ContentTransferEncoding = fields.Encoding;
        Octets = fields.Octets;
        ContentMd5 = fields.Md5;
        ContentDisposition = fields.Disposition;
        ContentLanguage = fields.Language;
        ContentLocation = fields.Location;
    }

    /// <summary>The Content-Id, or null.</summary>
    public string? ContentId { get; init; }

    /// <summary>The Content-Description, or null.</summary>
    public string? ContentDescription { get; init; }

    /// <summary>The Content-Transfer-Encoding, e.g. <c>7BIT</c>, <c>BASE64</c>.</summary>
    public string ContentTransferEncoding { get; init; } = "7BIT";

    /// <summary>The size of the encoded body in bytes.</summary>
    public long Octets { get; init; }

    /// <summary>The Content-MD5 (extension data), or null.</summary>
    public string? ContentMd5 { get; init; }
}

/// <summary>A <c>text/*</c> part, which carries its size in lines.</summary>
public sealed class BodyPartText : BodyPartBasic
{
    /// <summary>Creates a text part.</summary>
    /// <param name="contentType">The media type.</param>
    /// <param name="partSpecifier">The section number.</param>
    public BodyPartText(ContentType contentType, string partSpecifier) : base(contentType, partSpecifier) { }

    internal BodyPartText(ContentType contentType, string partSpecifier, in BasicPartFields fields) : base(contentType, partSpecifier, fields) { }

    /// <summary>The size of the encoded body in lines.</summary>
    public long Lines { get; init; }
}

/// <summary>A <c>message/rfc822</c> (or <c>message/global</c>) part: an attached message.</summary>
public sealed class BodyPartMessage : BodyPartBasic
{
    /// <summary>Creates a message part.</summary>
    /// <param name="contentType">The media type.</param>
    /// <param name="partSpecifier">The section number.</param>
    public BodyPartMessage(ContentType contentType, string partSpecifier) : base(contentType, partSpecifier) { }

    internal BodyPartMessage(ContentType contentType, string partSpecifier, in BasicPartFields fields) : base(contentType, partSpecifier, fields) { }

    /// <summary>The envelope of the attached message.</summary>
    public Envelope? Envelope { get; init; }

    /// <summary>The body structure of the attached message, or null when the server sent none.</summary>
    public BodyPart? Body { get; init; }

    /// <summary>The size of the encoded body in lines.</summary>
    public long Lines { get; init; }
}

/// <summary>A <c>multipart/*</c> part.</summary>
public sealed class BodyPartMultipart : BodyPart
{
    /// <summary>Creates a multipart.</summary>
    /// <param name="contentType">The media type (<c>multipart/subtype</c>).</param>
    /// <param name="partSpecifier">The section number.</param>
    /// <param name="parts">The child parts.</param>
    public BodyPartMultipart(ContentType contentType, string partSpecifier, IReadOnlyList<BodyPart> parts)
        : base(contentType, partSpecifier)
    {
        Parts = parts;
    }

    /// <summary>The child parts, in order.</summary>
    public IReadOnlyList<BodyPart> Parts { get; }
}

/// <summary>The fields every single part carries, as the body structure parser read them.</summary>
internal readonly record struct BasicPartFields(
    string? Id,
    string? Description,
    string Encoding,
    long Octets,
    string? Md5,
    ContentDisposition? Disposition,
    IReadOnlyList<string>? Language,
    string? Location);
