using System.Buffers;
using System.Text;
using ImapClient.Protocol;
using MimeKit;

namespace ImapClient.Tests.Infrastructure;

/// <summary>
/// Base of the FETCH parsing fixtures. Each concrete fixture runs twice: with the response in one buffer
/// (<c>segmentSize</c> 0) and split into one-byte segments, so every assertion also proves both give the same result.
/// </summary>
public abstract class FetchParsingFixture(int segmentSize)
{
    /// <summary>How a scripted server in this fixture delivers its bytes, to match the segment size.</summary>
    private protected Delivery Delivery => segmentSize == 0 ? Delivery.Whole : Delivery.ByteByByte;
    /// <summary>Feeds a whole <c>* n FETCH (…)\r\n</c> response through <see cref="ResponseParser"/>.</summary>
    private protected FetchedMessage Fetch(string response)
    {
        var parsed = ResponseParser.Parse(Sequence(response), ImapLimits.Default);
        Assert.That(parsed.Kind, Is.EqualTo(ResponseKind.Untagged));
        Assert.That(parsed.Response, Is.TypeOf<ImapFetchResponse>());
        return ((ImapFetchResponse)parsed.Response).Message;
    }

    private protected ReadOnlySequence<byte> Sequence(string response)
    {
        var bytes = Encoding.UTF8.GetBytes(response);
        return segmentSize == 0 ? new ReadOnlySequence<byte>(bytes) : Segments.Split(bytes, segmentSize);
    }

    private protected static void AssertMailbox(InternetAddress address, string? name, string addrSpec)
    {
        Assert.That(address, Is.TypeOf<MailboxAddress>());
        var mailbox = (MailboxAddress)address;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(mailbox.Name, Is.EqualTo(name));
            Assert.That(mailbox.Address, Is.EqualTo(addrSpec));
        }
    }

    private protected static void AssertSingleMailbox(InternetAddressList list, string? name, string addrSpec)
    {
        Assert.That(list, Has.Count.EqualTo(1));
        AssertMailbox(list[0], name, addrSpec);
    }

    private protected static T AssertPart<T>(BodyPart? part, string mimeType, string specifier)
        where T : BodyPart
    {
        Assert.That(part, Is.TypeOf<T>());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(part!.ContentType.MimeType, Is.EqualTo(mimeType));
            Assert.That(part.PartSpecifier, Is.EqualTo(specifier));
        }

        return (T)part;
    }

    private protected static void AssertAllNil(Envelope? envelope)
    {
        Assert.That(envelope, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope!.Date, Is.Null);
            Assert.That(envelope.DateText, Is.Null);
            Assert.That(envelope.Subject, Is.Null);
            Assert.That(envelope.From, Is.Empty);
            Assert.That(envelope.Sender, Is.Empty);
            Assert.That(envelope.ReplyTo, Is.Empty);
            Assert.That(envelope.To, Is.Empty);
            Assert.That(envelope.Cc, Is.Empty);
            Assert.That(envelope.Bcc, Is.Empty);
            Assert.That(envelope.InReplyTo, Is.Null);
            Assert.That(envelope.MessageId, Is.Null);
        }
    }
}
