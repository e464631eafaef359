using System.Text;
using ImapClient.Protocol;

namespace ImapClient.Tests.Fetch;

public class FetchRequestTests
{
    /// <summary>The bytes the request writes into a FETCH command, as text.</summary>
    internal static string Encoded(FetchRequest request)
    {
        var builder = new CommandBuilder(literalPlus: false, literalMinus: false);
        request.WriteTo(builder);
        return Encoding.ASCII.GetString(builder.Written.Span);
    }

    [TestCase(FetchItems.All, "ALL")]
    [TestCase(FetchItems.Fast, "FAST")]
    [TestCase(FetchItems.Full, "FULL")]
    [TestCase(FetchItems.Flags, "FLAGS")]
    [TestCase(FetchItems.Uid | FetchItems.Flags | FetchItems.BodyStructure, "(UID FLAGS BODYSTRUCTURE)")]
    [TestCase(FetchItems.All | FetchItems.Uid, "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)")]
    public void Items_encode_as_macros_or_lists(FetchItems items, string expected) =>
        Assert.That(Encoded(new FetchRequest(items)), Is.EqualTo(expected));

    [Test]
    public void Body_sections_encode_with_peek_and_partial_ranges()
    {
        var request = new FetchRequest(FetchItems.Uid)
            .AddBodySection("HEADER")
            .AddBodySection("1.2", peek: false)
            .AddBodySection("", offset: 0, count: 1024);
        Assert.That(Encoded(request), Is.EqualTo("(UID BODY.PEEK[HEADER] BODY[1.2] BODY.PEEK[]<0.1024>)"));
    }

    [Test]
    public void Binary_sections_encode_as_BINARY_with_or_without_peek() =>
        Assert.That(Encoded(new FetchRequest().AddBodySection("2", binary: true).AddBodySection("3", peek: false, binary: true)),
            Is.EqualTo("(BINARY.PEEK[2] BINARY[3])"));

    [Test]
    public void A_macro_with_a_section_is_spelled_out() =>
        Assert.That(Encoded(new FetchRequest(FetchItems.Fast).AddBodySection("TEXT")),
            Is.EqualTo("(FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[TEXT])"));

    [TestCase("HEADER]\r\nA1 LOGOUT")]
    [TestCase("1\n")]
    public void A_section_that_could_inject_a_command_is_refused(string section) =>
        Assert.That(() => new FetchRequest().AddBodySection(section), Throws.ArgumentException);

    [Test]
    public void An_empty_request_is_refused() =>
        Assert.That(() => Encoded(new FetchRequest()), Throws.ArgumentException);
}
