export { default } from "@gatehouse/prettier-config";
