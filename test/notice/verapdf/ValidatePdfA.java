// Validates PDF files against PDF/A-3b with veraPDF's library; prints one JSON line per file.
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

public class ValidatePdfA {
  public static void main(String[] args) throws Exception {
    VeraGreenfieldFoundryProvider.initialise();
    for (String file : args) {
      try (InputStream in = new FileInputStream(file);
          PDFAParser parser = Foundries.defaultInstance().createParser(in, PDFAFlavour.PDFA_3_B)) {
        PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_3_B, false);
        ValidationResult result = validator.validate(parser);
        List<String> failures = new ArrayList<>();
        for (TestAssertion a : result.getTestAssertions())
          if (a.getStatus() == TestAssertion.Status.FAILED)
            failures.add(quote(a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage()));
        System.out.println("{\"file\":" + quote(file) + ",\"flavour\":" + quote(result.getPDFAFlavour().toString())
            + ",\"compliant\":" + result.isCompliant() + ",\"failures\":[" + String.join(",", failures.stream().distinct().toList()) + "]}");
      }
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
  }
}
