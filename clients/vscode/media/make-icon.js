// Renders media/icon.svg to the 128×128 media/icon.png shipped in the .vsix, with Debian's
// chromium driven by playwright-core (both installed by e2e/setup.sh):
//   NODE_PATH=$HOME/.cache/wenfeng-e2e/driver/node_modules node media/make-icon.js
const { chromium } = require("playwright-core");
const path = require("path");

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROME || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.goto("file://" + path.join(__dirname, "icon.svg"));
  await page.screenshot({ path: path.join(__dirname, "icon.png"), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  await browser.close();
  console.log("wrote media/icon.png");
})();
