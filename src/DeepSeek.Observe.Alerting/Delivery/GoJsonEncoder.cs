using System.Text.Encodings.Web;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// String escaping as Go's encoding/json does it with HTML escaping on (Alertmanager's webhook encoder): quote and
/// backslash as <c>\"</c> <c>\\</c>; <c>\n \r \t</c> short; other control characters, <c>&lt; &gt; &amp;</c> and
/// U+2028/U+2029 as <c>\u00xx</c> in lower-case hex; everything else, non-ASCII included, as raw UTF-8. The
/// built-in encoders differ (<c>\u0022</c> for a quote, upper-case hex, escaped non-ASCII), which would change the
/// bytes, and so the signature, of a payload a receiver may compare with Alertmanager's.
/// </summary>
internal sealed class GoJsonEncoder : JavaScriptEncoder
{
    public static GoJsonEncoder Instance { get; } = new();

    // The longest escape written is \u2028: six characters for one.
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' or '<' or '>' or '&' or 0x2028 or 0x2029;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var output = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ when WillEncode(unicodeScalar) => $"\\u{unicodeScalar:x4}",
            _ => char.ConvertFromUtf32(unicodeScalar),
        };

        if (!escape.TryCopyTo(output))
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
