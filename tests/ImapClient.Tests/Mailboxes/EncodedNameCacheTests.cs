using System.Buffers;
using System.Text;
using ImapClient.Protocol;

namespace ImapClient.Tests.Mailboxes;

/// <summary>The decoded-phrase cache (servers repeat From as Sender and Reply-To) never mixes names up.</summary>
public class EncodedNameCacheTests
{
    [Test]
    public void Repeated_and_alternating_encoded_names_each_decode_to_their_own_text()
    {
        const string Ann = "=?UTF-8?B?w4RubmU=?=";   // Änne
        const string Bob = "=?ISO-8859-1?Q?B=F6b?=";  // Böb
        var response = "* 1 FETCH (ENVELOPE (NIL NIL " +
            $"((\"{Ann}\" NIL \"a\" \"x.org\")) ((\"{Ann}\" NIL \"a\" \"x.org\")) ((\"{Bob}\" NIL \"b\" \"x.org\")) " +
            $"((\"{Ann}\" NIL \"a2\" \"x.org\")(\"{Bob}\" NIL \"b2\" \"x.org\")) NIL NIL NIL NIL))\r\n";
        var parsed = ResponseParser.Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(response)), ImapLimits.Default);
        var envelope = ((ImapFetchResponse)parsed.Response).Message.Envelope!;
        Assert.That(envelope.From.Mailboxes.Single().Name, Is.EqualTo("Änne"));
        Assert.That(envelope.Sender.Mailboxes.Single().Name, Is.EqualTo("Änne"));
        Assert.That(envelope.ReplyTo.Mailboxes.Single().Name, Is.EqualTo("Böb"));
        Assert.That(envelope.To.Mailboxes.Select(m => m.Name), Is.EqualTo(new[] { "Änne", "Böb" }));
        Assert.That(envelope.From.Mailboxes.Single(), Is.Not.SameAs(envelope.Sender.Mailboxes.Single()), "addresses are not shared");
    }
}
